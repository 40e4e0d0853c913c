//! `studylog/statsChanged`: a notification that a journal's practice stats
//! (entries, days, time, streaks) may read differently now, so that a status
//! bar can ask for them again (`studylog.stats`) instead of polling. Sent
//! when indexing a folder ends and, coalesced, when the diagnostics worker
//! has caught up with a burst of changes; only when what the stats are made
//! of changed since the last signal for that journal.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::ls_types::notification::Notification;

use super::convert::path_to_uri;
use super::shared::Shared;
use super::state::FolderId;
use super::state_lock::lock;
use crate::journal::Journal;

/// The notification's type for `Client::send_notification`.
pub(super) enum StatsChanged {}

impl Notification for StatsChanged {
    type Params = StatsChangedParams;
    const METHOD: &'static str = "studylog/statsChanged";
}

/// The journal whose stats changed: its root folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct StatsChangedParams {
    pub(super) uri: Uri,
}

/// A digest of what the stats are computed from: each day's entry count
/// and minutes, the settings that decide streaks, and today. Linear in the
/// number of practice days (not files): cheap next to a diagnostics pass.
fn fingerprint(ws: &Journal, today: Date) -> u64 {
    let mut hasher = DefaultHasher::new();
    today.hash(&mut hasher);
    let config = ws.config();
    format!("{:?} {:?}", config.cadence, config.start).hash(&mut hasher);
    for (date, entries) in ws.timeline() {
        (date, entries.len()).hash(&mut hasher);
    }
    for (date, minutes) in ws.day_minutes() {
        (date, minutes).hash(&mut hasher);
    }
    hasher.finish()
}

/// Sends `studylog/statsChanged` for each of `ids` whose stats inputs
/// changed since the last signal for it (or that never had one).
pub(super) async fn signal_changed(shared: &Shared, ids: impl IntoIterator<Item = FolderId>) {
    let changed = changed_roots(shared, ids);
    send(shared, changed).await;
}

/// The roots of those of `ids` whose stats inputs changed since the last
/// signal for it (or that never had one), recorded as signalled: the
/// computing half of [`signal_changed`], which the diagnostics worker's
/// thread does before it hands the sending to the async side.
pub(super) fn changed_roots(shared: &Shared, ids: impl IntoIterator<Item = FolderId>) -> Vec<Uri> {
    let state = shared.state.read();
    let today = shared.today();
    let mut sent = lock(&shared.stats_sent);
    ids.into_iter()
        .filter_map(|id| {
            let folder = state.folder(id)?;
            let digest = fingerprint(&folder.ws, today);
            if sent.insert(id, digest) == Some(digest) {
                return None;
            }
            path_to_uri(&folder.root)
        })
        .collect()
}

/// Sends `studylog/statsChanged` for each journal root of `changed`.
pub(super) async fn send(shared: &Shared, changed: Vec<Uri>) {
    for uri in changed {
        shared
            .client
            .send_notification::<StatsChanged>(StatsChangedParams { uri })
            .await;
    }
}

/// Forgets a journal that was removed (a later one with its id signals anew).
pub(super) fn forget(shared: &Shared, id: FolderId) {
    lock(&shared.stats_sent).remove(&id);
}
