namespace Kelvin.Networks;

/// <summary>Per-network scratch memory for a batch: pre-activations z_l, activations a_l, the two
/// back-propagated error buffers, and double-precision rows for the energy form. Grown on demand,
/// reused across steps, so a training step does not allocate.</summary>
internal sealed class MlpWorkspace
{
    private readonly MlpArchitecture _architecture;

    public MlpWorkspace(MlpArchitecture architecture)
    {
        _architecture = architecture;
        int layers = architecture.LayerCount, outputs = architecture.OutputSize;
        Z = new float[layers][];
        A = new float[layers][];
        Prediction = new double[outputs];
        Target = new double[outputs];
        OutputGradient = new double[outputs];
        Delta = DeltaNext = [];
    }

    /// <summary>Rows the buffers hold.</summary>
    public int Capacity { get; private set; }
    /// <summary>z_l, n × d_l per layer.</summary>
    public float[][] Z { get; }
    /// <summary>a_l = φ_l(z_l), n × d_l per layer (the output layer's is its z).</summary>
    public float[][] A { get; }
    /// <summary>∂U/∂z of the layer being back-propagated, n × max width.</summary>
    public float[] Delta { get; private set; }
    /// <summary>∂U/∂z of the layer below, n × max width.</summary>
    public float[] DeltaNext { get; private set; }
    public double[] Prediction { get; }
    public double[] Target { get; }
    public double[] OutputGradient { get; }

    /// <summary>Makes room for <paramref name="rows"/> samples.</summary>
    public void Ensure(int rows)
    {
        if (rows <= Capacity) return;
        int layers = _architecture.LayerCount;
        for (int l = 0; l < layers; l++)
        {
            int width = _architecture.Widths[l + 1];
            Z[l] = new float[rows * width];
            A[l] = l == layers - 1 ? Z[l] : new float[rows * width];
        }
        Delta = new float[rows * _architecture.MaxWidth];
        DeltaNext = new float[rows * _architecture.MaxWidth];
        Capacity = rows;
    }

    /// <summary>Exchanges <see cref="Delta"/> and <see cref="DeltaNext"/>.</summary>
    public void SwapDeltas() => (Delta, DeltaNext) = (DeltaNext, Delta);
}
