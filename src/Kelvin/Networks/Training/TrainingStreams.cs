using Kelvin.Randomness;

namespace Kelvin.Networks.Training;

/// <summary>
/// The random streams of training, fixed so that member k's run depends on (seed, k) only — never on
/// how many members run or on which thread: initialization of member k uses stream 2k (layer l its
/// <c>Split(l)</c>), the shuffle of epoch e uses stream 2k + 1, <c>Split(e)</c>.
/// </summary>
public static class TrainingStreams
{
    /// <summary>The generator for member k's initial weights (pass to <see cref="Mlp.Initialize(MlpArchitecture, IReadOnlyList{Distributions.InitializationScheme}, Randomness.Rng)"/>).</summary>
    public static Rng Initialization(ulong seed, int member) => new(seed, 2UL * (ulong)member);

    /// <summary>The generator for member k's shuffle of epoch e.</summary>
    public static Rng Shuffling(ulong seed, int member, int epoch) => new Rng(seed, 2UL * (ulong)member + 1).Split((ulong)epoch);
}
