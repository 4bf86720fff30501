using System.Numerics.Tensors;
using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks.Kernels;
using Kelvin.Randomness;

namespace Kelvin.Networks;

/// <summary>
/// A multilayer perceptron f(x; θ) in float32 (see <see cref="MlpArchitecture"/>), with all
/// parameters in one flat vector θ = (W₁, b₁, W₂, b₂, …) (<see cref="Parameters"/>; per-layer views
/// in <see cref="Layers"/>). It computes outputs, the potential energy
/// U_D(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) (accumulated in float64) and its gradient ∇U_D by
/// back-propagation, and the pre-activations z_l of every layer.
/// <para>An instance keeps its own scratch buffers: it is not safe to call from two threads at once
/// (clone it instead). Results are bit-identical whatever <see cref="Parallelism"/> allows.</para>
/// </summary>
public sealed class Mlp
{
    /// <summary>Samples processed at once when a call covers more than one batch (a whole dataset):
    /// fixed, so sums over a dataset always run in the same order.</summary>
    public const int ChunkSize = 256;

    private readonly MlpWorkspace _work;

    /// <summary>A network of the given shape with every parameter 0.</summary>
    public Mlp(MlpArchitecture architecture)
    {
        Architecture = architecture;
        Parameters = new float[architecture.ParameterCount];
        var layers = new DenseLayer[architecture.LayerCount];
        int offset = 0;
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new DenseLayer(this, l, architecture.Widths[l], architecture.Widths[l + 1], architecture.Activations[l], offset);
            offset += layers[l].ParameterCount;
        }
        Layers = layers;
        _work = new MlpWorkspace(architecture);
    }

    /// <summary>
    /// A freshly initialized network (a Type I state, docs/theory.md §4): the weights of layer l are drawn
    /// independently from <c>schemes[l].ForLayer(fan_in, fan_out)</c> using the stream
    /// <c>rng.Split(l)</c> (so layers never share draws), biases are 0. One scheme applies to every
    /// layer; otherwise give one per layer (a layer-wise mix).
    /// </summary>
    public static Mlp Initialize(MlpArchitecture architecture, InitializationScheme scheme, Rng rng) => Initialize(architecture, [scheme], rng);

    /// <summary>A network with every layer drawn from its own scheme (see the one-scheme overload).</summary>
    public static Mlp Initialize(MlpArchitecture architecture, IReadOnlyList<InitializationScheme> schemes, Rng rng)
    {
        if (schemes.Count != 1 && schemes.Count != architecture.LayerCount)
            throw new KelvinException($"{schemes.Count} initialization schemes given for {architecture.LayerCount} layers (give one, or one per layer)");
        var net = new Mlp(architecture);
        foreach (var layer in net.Layers)
        {
            var scheme = schemes.Count == 1 ? schemes[0] : schemes[layer.Index];
            scheme.ForLayer(layer.FanIn, layer.FanOut).Fill(rng.Split((ulong)layer.Index), layer.Weights);
        }
        return net;
    }

    /// <summary>The network's shape.</summary>
    public MlpArchitecture Architecture { get; }

    /// <summary>The dense layers, input side first.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>θ, all weights and biases (live: writing it changes the network).</summary>
    public float[] Parameters { get; }

    /// <summary>Length of θ.</summary>
    public int ParameterCount => Parameters.Length;

    /// <summary>Threads the matrix products may use (null: the default scheduler). Does not change results.</summary>
    public ParallelOptions? Parallelism { get; set; }

    /// <summary>An independent copy with the same parameters (and parallelism).</summary>
    public Mlp Clone()
    {
        var copy = new Mlp(Architecture) { Parallelism = Parallelism };
        Parameters.CopyTo(copy.Parameters, 0);
        return copy;
    }

    /// <summary>Overwrites θ with <paramref name="parameters"/> (same length).</summary>
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Parameters.Length)
            throw new ArgumentException($"expected {Parameters.Length} parameters, got {parameters.Length}");
        parameters.CopyTo(Parameters);
    }

    /// <summary>Whether every parameter is finite.</summary>
    public bool IsFinite()
    {
        foreach (float p in Parameters) if (!float.IsFinite(p)) return false;
        return true;
    }

    // ---------------------------------------------------------------- forward

    /// <summary>f(xᵢ; θ) for n samples (x: n × d₀ row-major) into <paramref name="output"/> (n × d_L).</summary>
    public void Predict(ReadOnlySpan<float> x, int n, Span<float> output)
    {
        CheckInputs(x, n);
        if (output.Length < n * Architecture.OutputSize) throw new ArgumentException("output buffer too small");
        int d = Architecture.OutputSize;
        for (int start = 0; start < n; start += ChunkSize)
        {
            int rows = Math.Min(ChunkSize, n - start);
            Forward(Rows(x, start, rows, Architecture.InputSize), rows);
            _work.A[^1].AsSpan(0, rows * d).CopyTo(output.Slice(start * d, rows * d));
        }
    }

    /// <summary>f(xᵢ; θ) for every sample of <paramref name="data"/> (n × d_L).</summary>
    public float[] Predict(Dataset data)
    {
        CheckData(data);
        var y = new float[data.Count * Architecture.OutputSize];
        Predict(data.Features, data.Count, y);
        return y;
    }

    /// <summary>
    /// The pre-activations z_l = W_l a_{l−1} + b_l of every layer (the last one is the output) for n
    /// samples: element l is an n × d_l row-major matrix.
    /// </summary>
    public float[][] PreActivations(ReadOnlySpan<float> x, int n)
    {
        CheckInputs(x, n);
        var z = new float[Layers.Count][];
        for (int l = 0; l < z.Length; l++) z[l] = new float[n * Layers[l].FanOut];
        for (int start = 0; start < n; start += ChunkSize)
        {
            int rows = Math.Min(ChunkSize, n - start);
            Forward(Rows(x, start, rows, Architecture.InputSize), rows);
            for (int l = 0; l < z.Length; l++)
            {
                int w = Layers[l].FanOut;
                _work.Z[l].AsSpan(0, rows * w).CopyTo(z[l].AsSpan(start * w));
            }
        }
        return z;
    }

    /// <summary>The pre-activations z_l of every layer on every sample of <paramref name="data"/>.</summary>
    public float[][] PreActivations(Dataset data)
    {
        CheckData(data);
        return PreActivations(data.Features, data.Count);
    }

    /// <summary>Forward pass of one chunk into the workspace.</summary>
    private void Forward(ReadOnlySpan<float> x, int rows) => Forward(_work, x, rows, Parallelism);

    /// <summary>Forward pass of one chunk into <paramref name="work"/>, the products under <paramref name="parallel"/>.</summary>
    internal void Forward(MlpWorkspace work, ReadOnlySpan<float> x, int rows, ParallelOptions? parallel)
    {
        work.Ensure(rows);
        ReadOnlySpan<float> input = x;
        for (int l = 0; l < Layers.Count; l++)
        {
            var layer = Layers[l];
            int w = layer.FanOut;
            Span<float> z = work.Z[layer.Index].AsSpan(0, rows * w);
            Gemm.Multiply(input, false, layer.Weights, true, z, rows, w, layer.FanIn, parallel: parallel);
            ReadOnlySpan<float> b = layer.Biases;
            for (int r = 0; r < rows; r++)
            {
                Span<float> row = z.Slice(r * w, w);
                TensorPrimitives.Add(row, b, row);
            }
            Span<float> a = work.A[layer.Index].AsSpan(0, rows * w);
            if (!layer.IsOutput) layer.Activation.Forward(z, a);
            input = a;
        }
    }

    // ---------------------------------------------------------------- energy

    /// <summary>U = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) over n samples (x: n × d₀, y: n × d_L), summed in float64.</summary>
    public double Energy(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int n, IEnergyForm form)
    {
        CheckInputs(x, n);
        CheckTargets(y, n);
        if (ChunkWorkers(n) is int workers) return (_chunks ??= new ChunkParallelEvaluation(this)).Energy(x, y, n, form, workers);
        double sum = 0;
        for (int start = 0; start < n; start += ChunkSize)
        {
            int rows = Math.Min(ChunkSize, n - start);
            Forward(Rows(x, start, rows, Architecture.InputSize), rows);
            sum += OutputEnergy(Rows(y, start, rows, Architecture.OutputSize), rows, form, double.NaN);
        }
        return sum / n;
    }

    /// <summary>U_D(θ) on a dataset.</summary>
    public double Energy(Dataset data, IEnergyForm form)
    {
        CheckData(data);
        return Energy(data.Features, data.Targets, data.Count, form);
    }

    /// <summary>
    /// U = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) and its gradient ∇_θ U, written into <paramref name="gradient"/>
    /// (laid out like θ; overwritten). A training step calls this on one minibatch; the loss change
    /// allocation calls it on a fixed evaluation set.
    /// </summary>
    public double EnergyAndGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> y, int n, IEnergyForm form, Span<float> gradient)
    {
        CheckInputs(x, n);
        CheckTargets(y, n);
        if (gradient.Length != Parameters.Length) throw new ArgumentException($"gradient must hold {Parameters.Length} values");
        if (ChunkWorkers(n) is int workers) return (_chunks ??= new ChunkParallelEvaluation(this)).EnergyAndGradient(x, y, n, form, gradient, workers);
        double sum = 0, scale = 1.0 / n;
        for (int start = 0; start < n; start += ChunkSize)
        {
            int rows = Math.Min(ChunkSize, n - start);
            var xs = Rows(x, start, rows, Architecture.InputSize);
            Forward(xs, rows);
            sum += OutputEnergy(Rows(y, start, rows, Architecture.OutputSize), rows, form, scale);
            Backward(xs, rows, gradient, accumulate: start > 0);
        }
        return sum / n;
    }

    /// <summary>U_D(θ) and ∇U_D(θ) on a dataset.</summary>
    public double EnergyAndGradient(Dataset data, IEnergyForm form, Span<float> gradient)
    {
        CheckData(data);
        return EnergyAndGradient(data.Features, data.Targets, data.Count, form, gradient);
    }

    /// <summary>Σ over the chunk's rows of ℓ(ŷ, y) in float64; when <paramref name="scale"/> is a number,
    /// also writes scale·∂ℓ/∂ŷ into the workspace's error buffer.</summary>
    private double OutputEnergy(ReadOnlySpan<float> y, int rows, IEnergyForm form, double scale) => OutputEnergy(_work, y, rows, form, scale);

    /// <summary><see cref="OutputEnergy(ReadOnlySpan{float}, int, IEnergyForm, double)"/> of the chunk in <paramref name="work"/>.</summary>
    internal double OutputEnergy(MlpWorkspace work, ReadOnlySpan<float> y, int rows, IEnergyForm form, double scale)
    {
        int d = Architecture.OutputSize;
        var output = work.A[^1];
        Span<double> p = work.Prediction, t = work.Target, g = work.OutputGradient;
        bool withGradient = !double.IsNaN(scale);
        Span<float> delta = withGradient ? work.Delta.AsSpan(0, rows * d) : default;
        double sum = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int k = 0; k < d; k++) { p[k] = output[r * d + k]; t[k] = y[r * d + k]; }
            if (withGradient)
            {
                sum += form.ValueAndGradient(p, t, g);
                for (int k = 0; k < d; k++) delta[r * d + k] = (float)(g[k] * scale);
            }
            else sum += form.Value(p, t);
        }
        return sum;
    }

    // ---------------------------------------------------------------- backward

    /// <summary>Back-propagates the error ∂U/∂ŷ in the workspace through the chunk just forwarded,
    /// adding (or writing) ∂U/∂W_l and ∂U/∂b_l into <paramref name="gradient"/>.</summary>
    private void Backward(ReadOnlySpan<float> x, int rows, Span<float> gradient, bool accumulate) =>
        Backward(_work, x, rows, gradient, accumulate, Parallelism, null);

    /// <summary>Back-propagation through the chunk in <paramref name="work"/>. With <paramref name="deltas"/>,
    /// the biases' part of <paramref name="gradient"/> is left alone and each layer's δ_l (rows × d_l) is
    /// copied into deltas[l] instead, for the caller to sum in row order.</summary>
    internal void Backward(MlpWorkspace work, ReadOnlySpan<float> x, int rows, Span<float> gradient, bool accumulate,
                           ParallelOptions? parallel, float[][]? deltas)
    {
        for (int l = Layers.Count - 1; l >= 0; l--)
        {
            var layer = Layers[l];
            int w = layer.FanOut, fanIn = layer.FanIn;
            ReadOnlySpan<float> delta = work.Delta.AsSpan(0, rows * w);
            ReadOnlySpan<float> input = l == 0 ? x : work.A[l - 1].AsSpan(0, rows * fanIn);
            // ∂U/∂W_l = δ_lᵀ a_{l−1}  (FanOut × FanIn)
            Gemm.Multiply(delta, true, input, false, layer.WeightsOf(gradient), w, fanIn, rows, accumulate, parallel);
            // ∂U/∂b_l = Σ_rows δ_l, rows in order
            if (deltas is null) SumRows(delta, rows, layer.BiasesOf(gradient), accumulate);
            else delta.CopyTo(deltas[l]);
            if (l == 0) break;
            // δ_{l−1} = (δ_l W_l) ⊙ φ′_{l−1}(z_{l−1})
            Span<float> next = work.DeltaNext.AsSpan(0, rows * fanIn);
            Gemm.Multiply(delta, false, layer.Weights, false, next, rows, fanIn, w, parallel: parallel);
            Layers[l - 1].Activation.Backward(work.Z[l - 1].AsSpan(0, rows * fanIn), next, next);
            work.SwapDeltas();
        }
    }

    /// <summary>db (+)= Σ over the rows of δ (rows × d_l), added row after row in order.</summary>
    internal static void SumRows(ReadOnlySpan<float> delta, int rows, Span<float> db, bool accumulate)
    {
        if (!accumulate) db.Clear();
        int w = db.Length;
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(db, delta.Slice(r * w, w), db);
    }

    // ---------------------------------------------------------------- chunks on several cores

    private ChunkParallelEvaluation? _chunks;

    /// <summary>The largest network (parameters) whose evaluation over several chunks runs one chunk per
    /// core with serial products (<see cref="ChunkParallelEvaluation"/>) rather than chunk after chunk
    /// with every product split across the cores: 2²¹. Measured on 1 438 samples, 2 cores: 64-128-128-10
    /// 2.4× faster (its chunk products, ≈ 2·10⁶ multiply-adds each, are too short to split well),
    /// 64-512-512-10 1.3×, 64-1024-1024-10 1.2×, 64-2048-2048-10 (4.3·10⁶ parameters) no gain.</summary>
    internal const int ChunkParallelMaxParameters = 1 << 21;

    /// <summary>How many chunk workers evaluate n samples: null (one chunk after another) for a single
    /// chunk, a single core (<see cref="Parallelism"/>), or a network above <see cref="ChunkParallelMaxParameters"/>.</summary>
    private int? ChunkWorkers(int n)
    {
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        int cores = Parallelism is { MaxDegreeOfParallelism: > 0 } p ? p.MaxDegreeOfParallelism : Environment.ProcessorCount;
        int workers = Math.Min(chunks, cores);
        return workers >= 2 && ParameterCount <= ChunkParallelMaxParameters ? workers : null;
    }

    // ---------------------------------------------------------------- checks

    private static ReadOnlySpan<float> Rows(ReadOnlySpan<float> m, int start, int rows, int width) => m.Slice(start * width, rows * width);

    private void CheckInputs(ReadOnlySpan<float> x, int n)
    {
        if (n <= 0) throw new KelvinException("no samples to evaluate the network on");
        if (x.Length < (long)n * Architecture.InputSize)
            throw new ArgumentException($"inputs hold {x.Length} values, expected {n} × {Architecture.InputSize}");
    }

    private void CheckTargets(ReadOnlySpan<float> y, int n)
    {
        if (y.Length < (long)n * Architecture.OutputSize)
            throw new ArgumentException($"targets hold {y.Length} values, expected {n} × {Architecture.OutputSize}");
    }

    private void CheckData(Dataset data)
    {
        if (data.FeatureCount != Architecture.InputSize)
            throw new KelvinException($"dataset '{data.Name}' has {data.FeatureCount} features but the network takes {Architecture.InputSize} inputs");
        if (data.Outputs != Architecture.OutputSize)
            throw new KelvinException($"dataset '{data.Name}' has {data.Outputs} target columns but the network has {Architecture.OutputSize} outputs");
    }
}
