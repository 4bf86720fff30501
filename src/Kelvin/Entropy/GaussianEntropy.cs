namespace Kelvin.Entropy;

/// <summary>gaussian: h = ½ ln(2πe·var), the entropy of a normal with the sample's variance
/// (an upper bound on the true entropy for a given variance).</summary>
public sealed class GaussianEntropy : IEntropyEstimator
{
    public string Name => "gaussian";
    public double Estimate(SortedSample sample) => 0.5 * Math.Log(2 * Math.PI * Math.E * sample.Variance);
}
