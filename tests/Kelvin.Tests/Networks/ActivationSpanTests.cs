using Kelvin.Networks.Activations;
using Kelvin.Randomness;

namespace Kelvin.Tests.Networks;

public class ActivationSpanTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string n in ActivationCatalog.Names.Append("leaky_relu(0.2)").Append("elu(0.5)")) data.Add(n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SpanFormsMatchTheScalarReference(string name)
    {
        var phi = ActivationCatalog.Parse(name);
        var rng = new Rng(17);
        const int n = 1037; // not a multiple of 8 or of the 512-element chunk
        var z = new float[n];
        var g = new float[n];
        for (int i = 0; i < n; i++) { z[i] = (float)(4 * rng.NextGaussian()); g[i] = (float)rng.NextGaussian(); }
        z[0] = 0; z[1] = -0f; z[2] = 30; z[3] = -30;
        var a = new float[n];
        phi.Forward(z, a);
        var d = new float[n];
        phi.Backward(z, g, d);
        var inPlace = (float[])g.Clone();
        phi.Backward(z, inPlace, inPlace);
        for (int i = 0; i < n; i++)
        {
            double value = phi.Value(z[i]), slope = g[i] * phi.Derivative(z[i]);
            Assert.True(Math.Abs(a[i] - value) <= 1e-6 + 1e-5 * Math.Abs(value), $"{name}: φ({z[i]}) = {a[i]}, expected {value}");
            Assert.True(Math.Abs(d[i] - slope) <= 1e-6 + 1e-5 * Math.Abs(slope), $"{name}: g·φ′({z[i]}) = {d[i]}, expected {slope}");
            Assert.Equal(d[i], inPlace[i]);
        }
    }
}
