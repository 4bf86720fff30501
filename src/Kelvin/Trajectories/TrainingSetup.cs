using Kelvin.Distributions;
using Kelvin.Networks;
using Kelvin.Networks.Training;

namespace Kelvin.Trajectories;

/// <summary>
/// Everything a recorded training needs besides the data: the network shape, its initialization, the
/// optimizer settings (<see cref="TrainingOptions.HookInterval"/> is the checkpoint interval k), the
/// number of ensemble members K, the size cap of the fixed evaluation set, the allocation tolerance and
/// quadrature rule (<see cref="AllocationRule"/>).
/// </summary>
public sealed record TrainingSetup(
    MlpArchitecture Architecture,
    IReadOnlyList<InitializationScheme> Initialization,
    TrainingOptions Options,
    int Members = TrainingSetup.DefaultMembers,
    int EvaluationSize = TrainingSetup.DefaultEvaluationSize,
    AllocationTolerance? Tolerance = null,
    AllocationRule Rule = AllocationRule.Trapezoid)
{
    /// <summary>K = 4 members by default: the fewest that give a standard error across members (docs/theory.md §2).</summary>
    public const int DefaultMembers = 4;

    /// <summary>A setup with one initialization scheme for every layer.</summary>
    public TrainingSetup(MlpArchitecture architecture, InitializationScheme initialization, TrainingOptions options, int members = DefaultMembers,
        int evaluationSize = DefaultEvaluationSize, AllocationTolerance? tolerance = null, AllocationRule rule = AllocationRule.Trapezoid)
        : this(architecture, [initialization], options, members, evaluationSize, tolerance, rule) { }

    /// <summary>The evaluation set is the training split, or a seeded subset of this many samples.</summary>
    public const int DefaultEvaluationSize = 4096;

    internal void Validate()
    {
        if (Members < 1) throw new KelvinException($"Members must be at least 1 (got {Members})", nameof(Members));
        if (EvaluationSize < 1) throw new KelvinException($"the evaluation set needs at least one sample (got {EvaluationSize})");
    }
}
