namespace Kelvin.Trajectories;

/// <summary>
/// The late iterates that make a recorded phase's trained state (docs/theory.md §2, §4): the last
/// <see cref="Iterates"/> checkpoints of each run, from optimizer step <see cref="FromStep"/> to
/// <see cref="ToStep"/>, one every <see cref="Thinning"/> steps. In the thermal view the per-parameter
/// variance over these iterates is the width of the run's SGD cloud, so the window belongs with the number.
/// </summary>
/// <param name="FromStep">the step of the first late iterate.</param>
/// <param name="ToStep">the step of the last (the end of the phase).</param>
/// <param name="Thinning">optimizer steps between two iterates (the checkpoint interval; the last gap may be shorter).</param>
/// <param name="Iterates">M, the number of late iterates per run.</param>
public sealed record LateWindow(long FromStep, long ToStep, long Thinning, int Iterates);
