namespace Kelvin.Checkpoints;

/// <summary>A tensor the file holds but Kelvin does not read (integer, boolean or 8-bit float
/// elements, e.g. BatchNorm's num_batches_tracked), with the reason.</summary>
public sealed record SkippedTensor(string Name, string DType, string Reason);
