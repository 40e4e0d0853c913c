//! The built-in topic catalog: backend and software-engineering topics an
//! engineer is likely to practise, each with a one-line description and the
//! short names people tag them with. Names and aliases are canonical.

use super::BuiltinTopic;

const fn topic(
    name: &'static str,
    description: &'static str,
    aliases: &'static [&'static str],
) -> BuiltinTopic {
    BuiltinTopic {
        name,
        description,
        aliases,
    }
}

/// Sorted by name; every name and alias is unique across the list (a test checks).
pub static BUILTIN: &[BuiltinTopic] = &[
    topic(
        "api-design",
        "Shaping HTTP, RPC and library interfaces: resources, versioning, errors, compatibility",
        &["api", "rest", "rest-api"],
    ),
    topic(
        "authentication",
        "Proving who a user or service is: passwords, tokens, OAuth and OpenID Connect, mTLS",
        &["authn", "auth", "oauth", "oidc"],
    ),
    topic(
        "authorization",
        "Deciding what an identity may do: roles, permissions, policies, least privilege",
        &["authz", "rbac", "access-control"],
    ),
    topic(
        "automated-testing",
        "Tests that run without a person: unit, integration and end-to-end suites in CI",
        &[
            "testing",
            "tests",
            "unit-testing",
            "integration-testing",
            "test-automation",
        ],
    ),
    topic(
        "build-optimization",
        "Making builds faster and smaller: caching, incremental and parallel builds, dependency pruning",
        &["build-perf", "build-performance", "faster-builds"],
    ),
    topic(
        "caching",
        "Keeping computed or fetched data close: cache layers, invalidation, eviction, TTLs",
        &["cache", "caches", "memoization"],
    ),
    topic(
        "ci-cd",
        "Continuous integration and delivery: pipelines that build, test and ship every change",
        &[
            "ci",
            "cd",
            "continuous-integration",
            "continuous-delivery",
            "pipelines",
        ],
    ),
    topic(
        "code-review",
        "Reviewing changes for correctness, clarity and design before they land",
        &["review", "pull-requests", "pr-review"],
    ),
    topic(
        "code-splitting",
        "Breaking a front-end bundle into chunks loaded on demand: dynamic imports, lazy routes",
        &["lazy-loading", "bundle-splitting"],
    ),
    topic(
        "concurrency",
        "Doing several things at once safely: threads, async, locks, channels, data races",
        &["async", "multithreading", "parallelism", "threads"],
    ),
    topic(
        "consensus",
        "Agreeing on one value across unreliable nodes: Raft, Paxos, leader election, quorums",
        &["raft", "paxos", "leader-election"],
    ),
    topic(
        "container-orchestration",
        "Scheduling and running containers across a cluster: Kubernetes, deployments, services",
        &["k8s", "kubernetes", "orchestration", "nomad"],
    ),
    topic(
        "containers",
        "Packaging and isolating processes: images, Dockerfiles, registries, namespaces, cgroups",
        &["docker", "container", "oci", "podman"],
    ),
    topic(
        "data-modeling",
        "Designing schemas and entities: normalization, relationships, evolving a model",
        &["schema-design", "data-model"],
    ),
    topic(
        "database-indexing",
        "Making queries fast with indexes: B-trees, composite and covering indexes, selectivity",
        &["indexing", "indexes", "db-indexes"],
    ),
    topic(
        "database-migrations",
        "Changing a live database schema safely: versioned migrations, backfills, rollbacks",
        &["migrations", "schema-migrations"],
    ),
    topic(
        "database-replication",
        "Copying data between database nodes: leaders and followers, lag, failover",
        &["replication", "read-replicas"],
    ),
    topic(
        "debugging",
        "Finding why software misbehaves: reproducing, bisecting, debuggers, core dumps",
        &["debug", "troubleshooting", "gdb", "lldb"],
    ),
    topic(
        "dependency-management",
        "Choosing, pinning and updating third-party packages; lockfiles, semver, supply chain",
        &["dependencies", "deps", "package-management"],
    ),
    topic(
        "distributed-systems",
        "Systems of cooperating networked nodes: partial failure, clocks, consistency models",
        &["distsys", "distributed-computing"],
    ),
    topic(
        "distributed-tracing",
        "Following one request across services: spans, context propagation, OpenTelemetry",
        &["tracing", "opentelemetry", "otel", "traces"],
    ),
    topic(
        "error-handling",
        "Detecting, propagating and reporting failures: error types, retries, graceful degradation",
        &["errors", "exceptions"],
    ),
    topic(
        "event-driven-architecture",
        "Services that react to events: pub/sub, event sourcing, choreography, outbox",
        &["eda", "event-sourcing", "events", "pub-sub"],
    ),
    topic(
        "feature-flags",
        "Turning behaviour on and off at run time: toggles, gradual rollouts, experiments",
        &["feature-toggles", "flags"],
    ),
    topic(
        "git",
        "Version control with git: branching, rebasing, history, bisect, merge conflicts",
        &["version-control", "vcs"],
    ),
    topic(
        "graphql",
        "Query-language APIs: schemas, resolvers, N+1 queries, federation",
        &["gql"],
    ),
    topic(
        "grpc",
        "RPC over HTTP/2 with protocol buffers: services, streaming, deadlines",
        &["protobuf", "protocol-buffers"],
    ),
    topic(
        "idempotency",
        "Making repeated requests safe: idempotency keys, exactly-once effects, deduplication",
        &["idempotent"],
    ),
    topic(
        "incident-response",
        "Handling outages: on-call, runbooks, mitigation first, blameless postmortems",
        &["incidents", "on-call", "postmortems"],
    ),
    topic(
        "infrastructure-as-code",
        "Declaring infrastructure in versioned code: Terraform, Pulumi, plans and drift",
        &["iac", "terraform", "pulumi"],
    ),
    topic(
        "load-balancing",
        "Spreading traffic across instances: algorithms, health checks, L4 vs L7 balancers",
        &["lb", "load-balancer", "load-balancers"],
    ),
    topic(
        "load-testing",
        "Measuring behaviour under load: throughput, latency percentiles, breaking points",
        &["stress-testing", "performance-testing", "benchmarking"],
    ),
    topic(
        "logging",
        "Recording what software does: structured logs, levels, correlation IDs, retention",
        &["logs", "structured-logging"],
    ),
    topic(
        "memory-management",
        "How programs use memory: allocation, ownership, garbage collection, leaks",
        &["memory", "garbage-collection", "gc"],
    ),
    topic(
        "message-queues",
        "Asynchronous messaging between services: queues, topics, delivery guarantees, back-pressure",
        &["mq", "queues", "kafka", "rabbitmq", "messaging"],
    ),
    topic(
        "microservices",
        "Splitting a system into independently deployed services, and the costs that brings",
        &["microservice", "service-oriented-architecture", "soa"],
    ),
    topic(
        "networking",
        "How bytes travel: TCP/IP, DNS, TLS, HTTP versions, proxies",
        &["network", "tcp", "dns", "http"],
    ),
    topic(
        "observability",
        "Understanding a running system from its outputs: metrics, logs, traces, dashboards",
        &["o11y", "monitoring"],
    ),
    topic(
        "performance-profiling",
        "Measuring where time and memory go: profilers, flame graphs, benchmarks",
        &["profiling", "flamegraphs", "perf"],
    ),
    topic(
        "query-optimization",
        "Making database queries fast: execution plans, joins, N+1 queries, EXPLAIN",
        &["sql-tuning", "explain", "query-tuning"],
    ),
    topic(
        "rate-limiting",
        "Bounding how often clients may call: token and leaky buckets, quotas, 429s",
        &["throttling", "rate-limits", "rate-limiter"],
    ),
    topic(
        "refactoring",
        "Improving code structure without changing behaviour, in small safe steps",
        &["refactor", "clean-code"],
    ),
    topic(
        "resilience",
        "Staying up when dependencies fail: timeouts, retries with backoff, circuit breakers, bulkheads",
        &["circuit-breakers", "retries", "fault-tolerance"],
    ),
    topic(
        "secrets-management",
        "Storing and rotating credentials safely: vaults, KMS, never in the repository",
        &["secrets", "vault"],
    ),
    topic(
        "security",
        "Defending software: threat modelling, OWASP top ten, input validation, least privilege",
        &["appsec", "owasp", "threat-modeling"],
    ),
    topic(
        "serialization",
        "Encoding data for the wire or disk: JSON, protobuf, Avro, schema evolution",
        &["encoding", "json"],
    ),
    topic(
        "service-discovery",
        "Finding service instances at run time: registries, DNS, service meshes",
        &["service-mesh", "consul", "istio"],
    ),
    topic(
        "sharding",
        "Partitioning data across nodes: shard keys, rebalancing, hot spots, consistent hashing",
        &["partitioning", "consistent-hashing"],
    ),
    topic(
        "sql",
        "Querying relational databases: joins, aggregates, window functions, transactions",
        &["postgres", "postgresql", "mysql", "relational-databases"],
    ),
    topic(
        "static-analysis",
        "Finding bugs without running code: linters, type checkers, semantic analysis",
        &["linting", "linters", "lint", "sast"],
    ),
    topic(
        "system-design",
        "Designing large systems end to end: requirements, capacity estimates, trade-offs",
        &["architecture", "software-architecture"],
    ),
    topic(
        "transactions",
        "Grouping database changes atomically: ACID, isolation levels, locking, MVCC",
        &["acid", "isolation-levels", "mvcc"],
    ),
    topic(
        "type-systems",
        "Using types to prevent bugs: generics, type inference, making illegal states unrepresentable",
        &["types", "typing", "generics"],
    ),
    topic(
        "web-performance",
        "Fast pages: Core Web Vitals, bundle size, rendering, caching headers, CDNs",
        &["frontend-performance", "core-web-vitals", "cdn"],
    ),
];
