//! Fixture tests of the checks: journals as one string, diagnostics as text.
