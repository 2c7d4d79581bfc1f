//! Micro-benchmarks of synthesis (criterion): the benchmark workloads R1 and RN(n) of
//! `../shared/bench/README.md` built and synthesized in memory, RN(n) for several n to show the
//! cost per resource (criterion's "thrpt" is resources per second), RN(200) written to disk, and
//! two resource kinds alone. `scripts/bench` times whole processes; BENCHMARKS.md has both.
//!
//!     cargo bench --bench synth                 # full run
//!     cargo bench --bench synth -- --quick      # what scripts/bench runs
//!     cargo bench --bench synth -- rn/          # only the RN(n) group

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ecs_dsl::cfn::logs;
use ecs_dsl::ec2::{SecurityGroup, Subnet, Vpc};
use ecs_dsl::prelude::*;

#[path = "../examples/r1.rs"]
#[allow(dead_code)]
mod r1;
#[path = "../examples/rn.rs"]
#[allow(dead_code)]
mod rn;

/// Resources of every stack of `app`, counted by synthesizing it once.
fn resources(app: &App) -> u64 {
    let assembly = app.synthesize().expect("synthesizes");
    assembly
        .stacks
        .iter()
        .map(|s| s.resource_count as u64)
        .sum()
}

/// R1: building the app (the builders' calls), synthesizing it (rendering, cross-stack
/// resolution, rule checks, JSON text), and both.
fn r1(c: &mut Criterion) {
    let mut g = c.benchmark_group("r1");
    let n = resources(&r1::build().expect("R1 builds"));
    g.throughput(Throughput::Elements(n));
    g.bench_function("build", |b| b.iter(|| r1::build().expect("R1 builds")));
    let app = r1::build().expect("R1 builds");
    g.bench_function("synthesize", |b| {
        b.iter(|| black_box(&app).synthesize().expect("synthesizes"))
    });
    g.bench_function("build+synthesize", |b| {
        b.iter(|| {
            r1::build()
                .expect("R1 builds")
                .synthesize()
                .expect("synthesizes")
        })
    });
    g.finish();
}

/// RN(n) built and synthesized in memory for n = 1, 10, 50, 200, and synthesized alone for
/// n = 50 and 200: the time per resource (throughput) stays flat when the cost is linear.
fn rn(c: &mut Criterion) {
    let mut g = c.benchmark_group("rn");
    for n in [1usize, 10, 50, 200] {
        let count = resources(&rn::build_n(n).expect("RN builds"));
        g.throughput(Throughput::Elements(count));
        if n >= 50 {
            g.sample_size(20);
        }
        g.bench_with_input(BenchmarkId::new("build+synthesize", n), &n, |b, &n| {
            b.iter(|| {
                rn::build_n(n)
                    .expect("RN builds")
                    .synthesize()
                    .expect("synthesizes")
            })
        });
        // Synthesis alone, of an app built once: where the cost per resource grows.
        if n >= 50 {
            let app = rn::build_n(n).expect("RN builds");
            g.bench_with_input(BenchmarkId::new("synthesize", n), &app, |b, app| {
                b.iter(|| app.synthesize().expect("synthesizes"))
            });
        }
    }
    g.finish();
}

/// RN(200) as the example runs it, minus process start: build, synthesize and write the 11
/// templates and the manifest into a fresh folder.
fn rn200_to_disk(c: &mut Criterion) {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-synth-rn200");
    let mut g = c.benchmark_group("rn200");
    g.sample_size(20);
    g.throughput(Throughput::Elements(3606));
    g.bench_function("build+synth to disk", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_dir_all(&dir);
            },
            |()| rn::build_n(200).expect("RN builds").synth(&dir),
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two kinds of resource alone, 200 of each in one stack: an L1 log group (the floor: one
/// small resource through the template model) and an L2 security group with one ingress rule
/// from another group (two resources, a reference each way).
fn one_kind(c: &mut Criterion) {
    const N: u64 = 200;
    let mut g = c.benchmark_group("one kind x200");
    g.throughput(Throughput::Elements(N));
    g.bench_function("L1 log group", |b| {
        b.iter(|| {
            let mut app = App::new();
            let stack = app.stack("Logs").expect("stack");
            for i in 0..N {
                stack
                    .add(
                        &format!("Logs{i}"),
                        logs::LogGroup::new().retention_in_days(30),
                    )
                    .expect("adds");
            }
            app.synthesize().expect("synthesizes")
        })
    });
    let vpc = Vpc::from_attributes("vpc-0a1b2c3d4e5f60718", "10.0.0.0/16")
        .private_subnets([Subnet::new("subnet-0bbbbbbbbbbbbbbb1", "us-east-1a")]);
    g.throughput(Throughput::Elements(2 * N));
    g.bench_function("L2 security group + rule", |b| {
        b.iter(|| {
            let mut app = App::new();
            let stack = app.stack("Groups").expect("stack");
            let front = SecurityGroup::new(&stack, "Front", &vpc, "front").expect("group");
            for i in 0..N {
                let sg =
                    SecurityGroup::new(&stack, &format!("Sg{i}"), &vpc, "a group").expect("group");
                sg.allow_from(&front, ecs_dsl::ec2::Port::tcp(8080), "from front")
                    .expect("rule");
            }
            app.synthesize().expect("synthesizes")
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = r1, rn, rn200_to_disk, one_kind
}
criterion_main!(benches);
