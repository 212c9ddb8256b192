using Xunit;

// libtorch's random generator is process-wide, and training commands use it: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
