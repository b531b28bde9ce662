//! Size classes at every boundary, on even and odd node sizes.

use vnuma_planner::domain::{Classification, SizeBoundaries, SizeClass};

use SizeClass::{ExceedsHost, ExtraLarge, HalfBoundary, Large, Small};

/// (NUMA nodes, CPUs per node, vCPUs, class, arithmetic shown)
const CASES: &[(u32, u32, u32, SizeClass, &str)] = &[
    // Even node: 2 x 32.
    (2, 32, 1, Small, "1 < 32 / 2 = 16"),
    (2, 32, 15, Small, "15 < 32 / 2 = 16"),
    (2, 32, 16, HalfBoundary, "16 = 32 / 2"),
    (2, 32, 17, Large, "17 > 32 / 2 = 16 and 17 <= 32"),
    (2, 32, 24, Large, "24 > 32 / 2 = 16 and 24 <= 32"),
    (2, 32, 32, Large, "32 > 32 / 2 = 16 and 32 <= 32"),
    (2, 32, 33, ExtraLarge, "33 > 32 and 33 <= 2 x 32 = 64"),
    (2, 32, 64, ExtraLarge, "64 > 32 and 64 <= 2 x 32 = 64"),
    (2, 32, 65, ExceedsHost, "65 > 2 x 32 = 64"),
    // Odd node: 4 x 15 has no exact half.
    (4, 15, 7, Small, "7 < 15 / 2 = 7.5"),
    (4, 15, 8, Large, "8 > 15 / 2 = 7.5 and 8 <= 15"),
    (4, 15, 15, Large, "15 > 15 / 2 = 7.5 and 15 <= 15"),
    (4, 15, 16, ExtraLarge, "16 > 15 and 16 <= 4 x 15 = 60"),
    (4, 15, 60, ExtraLarge, "60 > 15 and 60 <= 4 x 15 = 60"),
    (4, 15, 61, ExceedsHost, "61 > 4 x 15 = 60"),
    // One node: nothing is extra large.
    (1, 8, 4, HalfBoundary, "4 = 8 / 2"),
    (1, 8, 8, Large, "8 > 8 / 2 = 4 and 8 <= 8"),
    (1, 8, 9, ExceedsHost, "9 > 1 x 8 = 8"),
    // Tiny nodes.
    (2, 1, 1, Large, "1 > 1 / 2 = 0.5 and 1 <= 1"),
    (2, 2, 1, HalfBoundary, "1 = 2 / 2"),
    // The largest host.
    (
        1024,
        4096,
        16384,
        ExtraLarge,
        "16384 > 4096 and 16384 <= 1024 x 4096 = 4194304",
    ),
];

#[test]
fn classes_and_their_arithmetic() {
    for &(n, c, v, class, arithmetic) in CASES {
        let got = Classification::new(v, c, n);
        assert_eq!(got.class, class, "{v} vCPUs on {n} x {c}");
        assert_eq!(got.arithmetic(), arithmetic, "{v} vCPUs on {n} x {c}");
    }
}

#[test]
fn boundaries_describe_the_ranges_for_a_host() {
    let cases = [
        (
            32,
            2,
            "small up to 15 vCPUs, exactly 16 is the half (no row of its own; undefined only under none), large 17-32, extra large 33-64, more than 64 cannot run",
        ),
        (
            15,
            4,
            "small up to 7 vCPUs, large 8-15, extra large 16-60, more than 60 cannot run",
        ),
        (
            8,
            1,
            "small up to 3 vCPUs, exactly 4 is the half (no row of its own; undefined only under none), large 5-8, none can be extra large, more than 8 cannot run",
        ),
        (
            1,
            2,
            "no VM is small, large 1, extra large 2, more than 2 cannot run",
        ),
    ];
    for (c, n, text) in cases {
        assert_eq!(SizeBoundaries::new(c, n).describe(), text, "{n} x {c}");
    }
}

#[test]
fn boundaries_agree_with_classification() {
    for &(n, c) in &[(2u32, 32u32), (4, 15), (1, 8), (2, 1), (8, 7), (3, 2)] {
        let b = SizeBoundaries::new(c, n);
        for v in 1..=b.host_cpus + 1 {
            let class = Classification::new(v, c, n).class;
            let expected = if v > b.host_cpus {
                ExceedsHost
            } else if b.extra_large.is_some_and(|(lo, hi)| (lo..=hi).contains(&v)) {
                ExtraLarge
            } else if (b.large.0..=b.large.1).contains(&v) {
                Large
            } else if b.half == Some(v) {
                HalfBoundary
            } else {
                assert!(b.small_max.is_some_and(|m| v <= m), "{v} on {n} x {c}");
                Small
            };
            assert_eq!(class, expected, "{v} on {n} x {c}");
        }
    }
}

#[test]
fn each_table_row_has_the_range_its_class_covers() {
    use vnuma_planner::domain::TableSize;
    for &(n, c) in &[(2u32, 32u32), (4, 15), (1, 8), (2, 1), (3, 2)] {
        let b = SizeBoundaries::new(c, n);
        for size in TableSize::ALL {
            for v in 1..=b.host_cpus {
                let inside = b
                    .range_of(size)
                    .is_some_and(|(lo, hi)| (lo..=hi).contains(&v));
                let class = Classification::new(v, c, n).class;
                assert_eq!(inside, class == size.class(), "{v} on {n} x {c}, {size:?}");
            }
        }
    }
    assert_eq!(
        SizeBoundaries::new(32, 2).range_of(TableSize::Large),
        Some((17, 32))
    );
    assert_eq!(
        SizeBoundaries::new(8, 1).range_of(TableSize::ExtraLarge),
        None
    );
}
