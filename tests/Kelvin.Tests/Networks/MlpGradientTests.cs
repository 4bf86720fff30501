using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Activations;
using Kelvin.Randomness;

namespace Kelvin.Tests.Networks;

public class MlpGradientTests
{
    /// <summary>U(θ) in double precision by an independent, plain forward pass (the reference).</summary>
    internal static double ReferenceEnergy(MlpArchitecture arch, double[] theta, float[] x, float[] y, int n, IEnergyForm form)
    {
        double sum = 0;
        int outputs = arch.OutputSize;
        for (int i = 0; i < n; i++)
        {
            double[] a = x.Skip(i * arch.InputSize).Take(arch.InputSize).Select(v => (double)v).ToArray();
            int offset = 0;
            for (int l = 0; l < arch.LayerCount; l++)
            {
                int fanIn = arch.Widths[l], fanOut = arch.Widths[l + 1];
                var z = new double[fanOut];
                for (int o = 0; o < fanOut; o++)
                {
                    double s = theta[offset + fanOut * fanIn + o];
                    for (int j = 0; j < fanIn; j++) s += theta[offset + o * fanIn + j] * a[j];
                    z[o] = s;
                }
                offset += fanOut * (fanIn + 1);
                a = z.Select(arch.Activations[l].Value).ToArray();
            }
            double[] t = y.Skip(i * outputs).Take(outputs).Select(v => (double)v).ToArray();
            sum += form.Value(a, t);
        }
        return sum / n;
    }

    internal static (float[] X, float[] Y) Data(int n, int inputs, int outputs, IEnergyForm form, ulong seed)
    {
        var rng = new Rng(seed, 7);
        var x = new float[n * inputs];
        for (int i = 0; i < x.Length; i++) x[i] = (float)rng.NextGaussian();
        var y = new float[n * outputs];
        for (int i = 0; i < n; i++)
        {
            if (form is CrossEntropy && outputs == 1) y[i] = rng.NextDouble() < 0.5 ? -1 : 1;
            else if (form is CrossEntropy) y[i * outputs + rng.NextInt(outputs)] = 1;
            else for (int k = 0; k < outputs; k++) y[i * outputs + k] = (float)rng.NextGaussian();
        }
        return (x, y);
    }

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string activation in ActivationCatalog.Names.Append("leaky_relu(0.2)").Append("elu(0.5)"))
        {
            data.Add(activation, "mse", 3);
            data.Add(activation, "mae", 3);
            data.Add(activation, "ce", 3);
            data.Add(activation, "ce", 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientMatchesFiniteDifferences(string activation, string energy, int outputs)
    {
        var form = EnergyForms.Parse(energy);
        var arch = new MlpArchitecture([4, 6, 5, outputs], [ActivationCatalog.Parse(activation)]);
        var net = Mlp.Initialize(arch, [InitializationScheme.Parse("xavier-normal")], new Rng(3, 1));
        // Non-zero biases, so their gradient is exercised away from the symmetric start.
        var rng = new Rng(3, 2);
        foreach (var layer in net.Layers) for (int o = 0; o < layer.FanOut; o++) layer.Biases[o] = (float)(0.3 * rng.NextGaussian());
        const int n = 9;
        var (x, y) = Data(n, 4, outputs, form, 11);

        var gradient = new float[net.ParameterCount];
        double u = net.EnergyAndGradient(x, y, n, form, gradient);
        double[] theta = net.Parameters.Select(v => (double)v).ToArray();
        Assert.Equal(ReferenceEnergy(arch, theta, x, y, n, form), u, 5);

        for (int p = 0; p < theta.Length; p++)
        {
            const double h = 1e-5;
            double keep = theta[p];
            theta[p] = keep + h; double up = ReferenceEnergy(arch, theta, x, y, n, form);
            theta[p] = keep - h; double down = ReferenceEnergy(arch, theta, x, y, n, form);
            theta[p] = keep;
            double fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(gradient[p] - fd) <= 2e-4 + 2e-3 * Math.Abs(fd),
                $"{activation}/{energy}/{outputs}: ∂U/∂θ[{p}] = {gradient[p]}, finite difference {fd}");
        }
    }

    [Fact]
    public void ChunkedDatasetGradientMatchesReference()
    {
        // n > ChunkSize: the gradient is accumulated over several chunks.
        var form = MeanSquaredError.Instance;
        var arch = MlpArchitecture.Parse("3-8-2", "tanh");
        var net = Mlp.Initialize(arch, [InitializationScheme.Parse("he-normal")], new Rng(5));
        int n = 2 * Mlp.ChunkSize + 37;
        var (x, y) = Data(n, 3, 2, form, 12);
        var gradient = new float[net.ParameterCount];
        double energy = net.EnergyAndGradient(x, y, n, form, gradient);
        Assert.Equal(energy, net.Energy(x, y, n, form), 12);
        double[] theta = net.Parameters.Select(v => (double)v).ToArray();
        for (int p = 0; p < theta.Length; p += 3)
        {
            const double h = 1e-5;
            double keep = theta[p];
            theta[p] = keep + h; double up = ReferenceEnergy(arch, theta, x, y, n, form);
            theta[p] = keep - h; double down = ReferenceEnergy(arch, theta, x, y, n, form);
            theta[p] = keep;
            double fd = (up - down) / (2 * h);
            Assert.True(Math.Abs(gradient[p] - fd) <= 2e-4 + 2e-3 * Math.Abs(fd), $"∂U/∂θ[{p}] = {gradient[p]}, finite difference {fd}");
        }
    }
}
