using Xunit;

// libtorch's random generator is process-wide: two trainers running at once would draw each other's dropout masks
// and initial weights, and the reproducibility tests would fail at random. Tests here run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
