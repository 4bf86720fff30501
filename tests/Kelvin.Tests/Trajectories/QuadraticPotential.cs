using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

/// <summary>U(θ) = ½ (θ − θ*)ᵀ H (θ − θ*) + c, a test potential whose gradient is linear: Simpson's rule is
/// exact on every segment.</summary>
internal sealed class QuadraticPotential(double[,] h, double[] minimum, IReadOnlyList<LayerSlice> layers, double offset = 0) : ILayeredPotential
{
    public IReadOnlyList<LayerSlice> Layers { get; } = layers;
    public int ParameterCount => minimum.Length;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = minimum.Length;
        double u = offset;
        for (int i = 0; i < n; i++)
        {
            double g = 0;
            for (int j = 0; j < n; j++) g += h[i, j] * (theta[j] - minimum[j]);
            gradient[i] = g;
            u += 0.5 * (theta[i] - minimum[i]) * g;
        }
        return u;
    }

    /// <summary>H = I on n parameters.</summary>
    public static QuadraticPotential Isotropic(double[] minimum, IReadOnlyList<LayerSlice> layers)
    {
        int n = minimum.Length;
        var h = new double[n, n];
        for (int i = 0; i < n; i++) h[i, i] = 1;
        return new QuadraticPotential(h, minimum, layers);
    }
}

/// <summary>U(θ) = Σ exp(θ): not a polynomial (Simpson is exact up to cubics along the segment, i.e. up
/// to quartic U), so segments must be split.</summary>
internal sealed class ExponentialPotential(IReadOnlyList<LayerSlice> layers, int n) : ILayeredPotential
{
    public IReadOnlyList<LayerSlice> Layers { get; } = layers;
    public int ParameterCount => n;

    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double u = 0;
        for (int i = 0; i < n; i++) { gradient[i] = Math.Exp(theta[i]); u += gradient[i]; }
        return u;
    }
}
