using System.Numerics.Tensors;
using Kelvin.Energy;

namespace Kelvin.Networks;

/// <summary>
/// U_D(θ) and ∇U_D(θ) of a small network over several chunks of <see cref="Mlp.ChunkSize"/> samples,
/// one chunk per core with serial matrix products, instead of chunk after chunk with every product
/// split across the cores (a small network's products are too short to split well: the fork and join
/// of each costs more than it saves).
/// <para><b>Same bits as one chunk after another.</b> The serial evaluation adds, in chunk order,
/// each chunk's energy (a float64 sum from 0) to the running energy, each chunk's ∂U/∂W_l (one depth
/// block of the product: a chain of fused multiply-adds from 0, since ChunkSize ≤ the product's depth
/// block) to the running gradient, and each row's δ_l to the running ∂U/∂b_l. Here the workers compute
/// every chunk's energy, ∂U/∂W_l and δ_l on their own, and the merge adds them in chunk order — the
/// same float operations on the same operands. Chunks go in waves of two per worker, so memory stays
/// at 2·workers copies of θ (≤ 8 MB each, <see cref="Mlp.ChunkParallelMaxParameters"/>) whatever the
/// number of samples.</para>
/// </summary>
internal sealed unsafe class ChunkParallelEvaluation(Mlp network)
{
    private static readonly ParallelOptions Serial = new() { MaxDegreeOfParallelism = 1 };
    private const int ChunksPerWorker = 2;

    private MlpWorkspace[] _work = [];
    private Slot[] _slots = [];

    /// <summary>One chunk's results: its energy sum, its ∂U/∂W_l (in a θ-shaped buffer) and each layer's δ_l.</summary>
    private sealed class Slot(MlpArchitecture architecture, int parameters)
    {
        public double Energy;
        public int Rows;
        public readonly float[] Gradient = new float[parameters];
        public readonly float[][] Deltas = Enumerable.Range(0, architecture.LayerCount)
            .Select(l => new float[Mlp.ChunkSize * architecture.Widths[l + 1]]).ToArray();
    }

    /// <summary>U = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) (see <see cref="Mlp.Energy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, IEnergyForm)"/>).</summary>
    public double Energy(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int n, IEnergyForm form, int workers) =>
        Run(x, y, n, form, default, workers, withGradient: false);

    /// <summary>U and ∇U (see <see cref="Mlp.EnergyAndGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, IEnergyForm, Span{float})"/>).</summary>
    public double EnergyAndGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int n, IEnergyForm form, Span<float> gradient, int workers) =>
        Run(x, y, n, form, gradient, workers, withGradient: true);

    private double Run(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int n, IEnergyForm form, Span<float> gradient, int workers, bool withGradient)
    {
        var architecture = network.Architecture;
        int d0 = architecture.InputSize, dL = architecture.OutputSize, chunkSize = Mlp.ChunkSize;
        int chunks = (n + chunkSize - 1) / chunkSize, wave = workers * ChunksPerWorker;
        Grow(workers, Math.Min(wave, chunks));
        double sum = 0, scale = withGradient ? 1.0 / n : double.NaN;
        var options = new ParallelOptions { MaxDegreeOfParallelism = workers };
        fixed (float* px = x, py = y)
        {
            nint xs = (nint)px, ys = (nint)py;
            for (int first = 0; first < chunks; first += wave)
            {
                int count = Math.Min(wave, chunks - first);
                Parallel.For(0, workers, options, w =>
                {
                    var work = _work[w];
                    for (int s = w; s < count; s += workers)
                    {
                        var slot = _slots[s];
                        int start = (first + s) * chunkSize, rows = Math.Min(chunkSize, n - start);
                        var xc = new ReadOnlySpan<float>((float*)xs + (long)start * d0, rows * d0);
                        var yc = new ReadOnlySpan<float>((float*)ys + (long)start * dL, rows * dL);
                        network.Forward(work, xc, rows, Serial);
                        slot.Rows = rows;
                        slot.Energy = network.OutputEnergy(work, yc, rows, form, scale);
                        if (withGradient) network.Backward(work, xc, rows, slot.Gradient, accumulate: false, Serial, slot.Deltas);
                    }
                });
                for (int s = 0; s < count; s++)
                {
                    var slot = _slots[s];
                    sum += slot.Energy;
                    if (withGradient) Merge(slot, gradient, accumulate: first + s > 0);
                }
            }
        }
        return sum / n;
    }

    /// <summary>The running gradient (+)= one chunk's: ∂U/∂W_l element by element, ∂U/∂b_l row by row.</summary>
    private void Merge(Slot slot, Span<float> gradient, bool accumulate)
    {
        foreach (var layer in network.Layers)
        {
            Span<float> total = layer.WeightsOf(gradient);
            ReadOnlySpan<float> chunk = layer.WeightsOf(slot.Gradient);
            if (accumulate) TensorPrimitives.Add(total, chunk, total);
            else chunk.CopyTo(total);
            Mlp.SumRows(slot.Deltas[layer.Index], slot.Rows, layer.BiasesOf(gradient), accumulate);
        }
    }

    private void Grow(int workers, int slots)
    {
        if (_work.Length < workers)
            _work = [.. _work, .. Enumerable.Range(0, workers - _work.Length).Select(_ => new MlpWorkspace(network.Architecture))];
        if (_slots.Length < slots)
            _slots = [.. _slots, .. Enumerable.Range(0, slots - _slots.Length).Select(_ => new Slot(network.Architecture, network.ParameterCount))];
    }
}
