using Kelvin.Entropy;
using Kelvin.Reports;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

/// <summary>The walk-through of docs/library.md, compiled: the lines between the markers appear in the
/// page verbatim (<see cref="LibraryExampleTests"/>).</summary>
public static class LibraryExample
{
    public static ThermometerResult Run(TextWriter output)
    {
        // docs/library.md: begin
        // Data: y = sin(3x₀) + x₁·x₂ + noise; the whole set is the fixed evaluation set.
        var random = new Random(7);
        const int n = 200, d = 3, h = 16;
        var x = new double[n, d];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[i, j] = 2 * random.NextDouble() - 1;
            y[i] = Math.Sin(3 * x[i, 0]) + x[i, 1] * x[i, 2] + 0.05 * random.NextDouble();
        }

        // A d-h-1 tanh network ŷ = w2·tanh(W1·x + b1) + b2: Xavier-uniform weights, zero biases.
        double[] Uniform(int count, double a) => [.. Enumerable.Range(0, count).Select(_ => a * (2 * random.NextDouble() - 1))];
        double[] w1 = Uniform(h * d, Math.Sqrt(6.0 / (d + h))), b1 = new double[h];
        double[] w2 = Uniform(h, Math.Sqrt(6.0 / (h + 1))), b2 = new double[1];
        double[] gw1 = new double[h * d], gb1 = new double[h], gw2 = new double[h], gb2 = new double[1];

        // Mean squared error on the evaluation set, and its gradient into gw1, gb1, gw2, gb2.
        double LossAndGradient()
        {
            Array.Clear(gw1); Array.Clear(gb1); Array.Clear(gw2); Array.Clear(gb2);
            var a = new double[h];
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double yhat = b2[0];
                for (int k = 0; k < h; k++)
                {
                    double z = b1[k];
                    for (int j = 0; j < d; j++) z += w1[k * d + j] * x[i, j];
                    a[k] = Math.Tanh(z);
                    yhat += w2[k] * a[k];
                }
                double r = yhat - y[i], dy = 2 * r / n;
                loss += r * r / n;
                gb2[0] += dy;
                for (int k = 0; k < h; k++)
                {
                    gw2[k] += dy * a[k];
                    double dz = dy * w2[k] * (1 - a[k] * a[k]);
                    gb1[k] += dz;
                    for (int j = 0; j < d; j++) gw1[k * d + j] += dz * x[i, j];
                }
            }
            return loss;
        }

        // The thermometer: particle view, Ebrahimi entropy. Record every 10 steps, with gradients,
        // so that Kelvin can split the energy change between the layers.
        var thermometer = new Thermometer(EntropyView.Particle, new EbrahimiEntropy());
        const double learningRate = 0.1;
        for (int step = 0; step <= 500; step++)
        {
            double loss = LossAndGradient();
            if (step % 10 == 0)
                thermometer.Record(step, loss, [
                    LayerReading.Of("hidden", w1, gradient: gw1, biases: b1, biasGradient: gb1),
                    LayerReading.Of("output", w2, gradient: gw2, biases: b2, biasGradient: gb2),
                ]);
            for (int j = 0; j < w1.Length; j++) w1[j] -= learningRate * gw1[j];
            for (int k = 0; k < h; k++) { b1[k] -= learningRate * gb1[k]; w2[k] -= learningRate * gw2[k]; }
            b2[0] -= learningRate * gb2[0];
        }

        var result = thermometer.Result;
        var global = result.Global;
        output.WriteLine($"ΔE = {global.EnergyChange.Value:G4}, ΔS = {ReportFormat.WithError(global.EntropyChange.Value, global.EntropyChange.StdErr)} nats, " +
                         $"T = {ReportFormat.Temperature(global)} ({global.Temperature.Regime.Name()})");
        foreach (var layer in result.Layers)
            output.WriteLine($"{layer.Name}: ΔE_l = {layer.EnergyChange:G4}, ΔS_l = {layer.EntropyChange:G4} nats, " +
                             $"T_l = {ReportFormat.Temperature(layer.Temperature!)}, {(layer.Heated ? "heated" : "cooled")}");
        output.WriteLine($"allocation residual {result.AllocationResidual:G2}");
        // docs/library.md: end
        return result;
    }
}
