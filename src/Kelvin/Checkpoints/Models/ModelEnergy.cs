using Kelvin.Energy;

namespace Kelvin.Checkpoints.Models;

/// <summary>
/// The energy of a model's parameters on data (docs/theory.md §1): U(θ) = (1/n) Σ_i ℓ(f(x_i; θ), y_i), with
/// f the ONNX model run by ONNX Runtime in float32 and ℓ a Kelvin energy form accumulated in
/// float64. ℓ is docs/theory.md's per-sample loss summed over the K outputs: for ce it is PyTorch's
/// CrossEntropyLoss(); for mse and mae it is PyTorch's MSELoss()/L1Loss() (means over all n·K
/// elements) times K. Targets: an integer class label per sample is one-hot over the K outputs; with
/// K = 1 a scalar (binary ce takes labels 0/1 as −1/+1); a [n, K] array is used as is.
/// </summary>
public sealed class ModelEnergy
{
    private readonly OnnxModel _model;
    private readonly EvaluationData _data;
    private readonly IEnergyForm _loss;
    private readonly long[] _sampleShape;
    private double[]? _targets;
    private int _outputs;

    /// <summary>Model evaluations so far (one per U(θ): a cost measure).</summary>
    public long Evaluations { get; private set; }

    /// <summary>The energy form ℓ.</summary>
    public IEnergyForm Loss => _loss;

    /// <summary>The data U is measured on.</summary>
    public EvaluationData Data => _data;

    /// <summary>U over <paramref name="data"/> for <paramref name="model"/> with loss <paramref name="loss"/>.</summary>
    public ModelEnergy(OnnxModel model, EvaluationData data, IEnergyForm loss)
    {
        _model = model;
        _data = data;
        _loss = loss;
        _sampleShape = SampleShape(model, data);
    }

    /// <summary>The per-sample input shape: the data's own, checked against the model's fixed dimensions;
    /// flat data (CSV rows) is reshaped to the model's dimensions when the element counts agree.</summary>
    private static long[] SampleShape(OnnxModel model, EvaluationData data)
    {
        var dims = model.SampleDims;
        if (dims.Count == data.SampleShape.Length && dims.Zip(data.SampleShape).All(p => p.First < 0 || p.First == p.Second)) return data.SampleShape;
        if (dims.All(d => d > 0) && dims.Aggregate(1L, (a, b) => a * b) == data.SampleSize) return [.. dims];
        throw new KelvinException($"{model.Name}: the input '{model.InputName}' takes samples of shape {TensorShape.Format(dims)} but {Path.GetFileName(data.Source)} has {TensorShape.Format(data.SampleShape)}");
    }

    /// <summary>U(θ) for the parameter values <paramref name="parameters"/> (every float32 initializer of the model by name).</summary>
    public double Of(IReadOnlyDictionary<string, float[]> parameters)
    {
        int n = _data.Count, batch = _model.HasFixedBatch ? _model.BatchSize : Math.Min(_model.BatchSize, n);
        long size = _data.SampleSize;
        var buffer = new float[batch * size];
        double sum = 0;
        for (int start = 0; start < n; start += batch)
        {
            int real = Math.Min(batch, n - start);
            int b = _model.HasFixedBatch ? batch : real;
            var input = b == batch ? buffer : new float[b * size];
            Array.Clear(input);
            Array.Copy(_data.Inputs, start * size, input, 0, real * size);
            var (outputs, shape) = _model.Run(input, b, _sampleShape, parameters);
            int k = shape.Length == 1 ? 1 : (int)(outputs.Length / b);
            Targets(k);
            var prediction = new double[k];
            for (int i = 0; i < real; i++)
            {
                for (int j = 0; j < k; j++) prediction[j] = outputs[i * k + j];
                sum += _loss.Value(prediction, _targets.AsSpan((start + i) * k, k));
            }
        }
        Evaluations++;
        double u = sum / n;
        if (!double.IsFinite(u)) throw new KelvinException($"{_model.Name}: the energy is {u} on {Path.GetFileName(_data.Source)} (a diverged model or bad data)");
        return u;
    }

    /// <summary>Builds the per-sample target vectors for K outputs (once).</summary>
    private void Targets(int k)
    {
        if (_targets is not null)
        {
            if (k != _outputs) throw new KelvinException($"{_model.Name}: the output width changed between runs ({_outputs} → {k})");
            return;
        }
        int n = _data.Count;
        var y = _data.Targets;
        var t = new double[(long)n * k];
        if (_data.TargetShape.Length == 2 && _data.TargetShape[1] == k) Array.Copy(y, t, y.Length);
        else if (_data.TargetShape.Length == 1 && k == 1)
            for (int i = 0; i < n; i++) t[i] = _loss is CrossEntropy && y[i] == 0 ? -1 : y[i];
        else if (_data.TargetShape.Length == 1)
            for (int i = 0; i < n; i++)
            {
                double label = y[i];
                if (label != Math.Floor(label) || label < 0 || label >= k)
                    throw new KelvinException($"target {i} is {label}: with {k} outputs, a 1-D target must hold class labels 0..{k - 1}");
                t[(long)i * k + (int)label] = 1;
            }
        else throw new KelvinException($"targets of shape {TensorShape.Format(_data.TargetShape)} do not fit a model with {k} outputs");
        _targets = t;
        _outputs = k;
    }
}
