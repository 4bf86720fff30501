using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

/// <summary>
/// A d-h-1 tanh network written by hand in float64, outside Kelvin's engine: ŷ = w2·tanh(W1·x + b1) + b2,
/// mse on fixed data. θ is laid out [W1 (h×d, row-major), b1, w2, b2]: layer "hidden" is W1 and b1,
/// layer "output" w2 and b2. It is also an <see cref="ILayeredPotential"/>, so Kelvin's own
/// <see cref="TrajectoryRecorder"/> can record the same run.
/// </summary>
internal sealed class TinyTanhNetwork : ILayeredPotential
{
    private readonly double[,] _x;
    private readonly double[] _y;
    private readonly int _d, _h;

    public TinyTanhNetwork(double[,] x, double[] y, int hidden)
    {
        _x = x; _y = y; _d = x.GetLength(1); _h = hidden;
        Layers = [new LayerSlice("hidden", 0, _h * _d + _h, _h * _d), new LayerSlice("output", _h * _d + _h, _h + 1, _h)];
    }

    public IReadOnlyList<LayerSlice> Layers { get; }
    public int ParameterCount => _h * _d + 2 * _h + 1;

    /// <summary>Seeded toy regression data y = sin(3x₀) + x₁x₂ + small noise, x uniform in [−1, 1]³.</summary>
    public static TinyTanhNetwork Toy(int samples, int hidden, int seed)
    {
        var random = new Random(seed);
        var x = new double[samples, 3];
        var y = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            for (int j = 0; j < 3; j++) x[i, j] = 2 * random.NextDouble() - 1;
            y[i] = Math.Sin(3 * x[i, 0]) + x[i, 1] * x[i, 2] + 0.05 * (random.NextDouble() - 0.5);
        }
        return new TinyTanhNetwork(x, y, hidden);
    }

    /// <summary>Xavier-uniform weights, zero biases, from <paramref name="seed"/>.</summary>
    public double[] Initialize(int seed)
    {
        var random = new Random(seed);
        var theta = new double[ParameterCount];
        double a1 = Math.Sqrt(6.0 / (_d + _h)), a2 = Math.Sqrt(6.0 / (_h + 1));
        for (int j = 0; j < _h * _d; j++) theta[j] = a1 * (2 * random.NextDouble() - 1);
        for (int j = 0; j < _h; j++) theta[_h * _d + _h + j] = a2 * (2 * random.NextDouble() - 1);
        return theta;
    }

    /// <summary>U(θ) = (1/n) Σ (ŷ − y)², with ∇U.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int n = _y.Length, wb1 = _h * _d, w2 = wb1 + _h, b2 = w2 + _h;
        gradient.Clear();
        var a = new double[_h];
        double u = 0;
        for (int i = 0; i < n; i++)
        {
            double yhat = theta[b2];
            for (int k = 0; k < _h; k++)
            {
                double z = theta[wb1 + k];
                for (int j = 0; j < _d; j++) z += theta[k * _d + j] * _x[i, j];
                a[k] = Math.Tanh(z);
                yhat += theta[w2 + k] * a[k];
            }
            double r = yhat - _y[i];
            u += r * r / n;
            double dy = 2 * r / n;
            gradient[b2] += dy;
            for (int k = 0; k < _h; k++)
            {
                gradient[w2 + k] += dy * a[k];
                double dz = dy * theta[w2 + k] * (1 - a[k] * a[k]);
                gradient[wb1 + k] += dz;
                for (int j = 0; j < _d; j++) gradient[k * _d + j] += dz * _x[i, j];
            }
        }
        return u;
    }

    /// <summary>U(θ) alone.</summary>
    public double Loss(ReadOnlySpan<double> theta) => Evaluate(theta, new double[ParameterCount]);
}
