using Kelvin.Entropy;
using Kelvin.Thermodynamics;

namespace Kelvin.Trajectories;

/// <summary>
/// A thermometer for a training loop written outside Kelvin (docs/library.md). Call
/// <see cref="Record(long, double, IEnumerable{LayerReading})"/> at the steps you choose, with the loss
/// U(θ) on a fixed evaluation set and every layer's weights; <see cref="Result"/> then reads the run
/// from the first record to the late state as a phase transition (docs/theory.md §3, §6):
/// T = ΔE/ΔS globally with S = Σ_l n_l·h(weights of layer l) (particle view), ΔS_l and, when Kelvin
/// can split ΔE between layers, T_l = ΔE_l/ΔS_l; T(t) over windows of records. ΔE_l comes from the
/// layers' gradients when they are recorded (<see cref="LossAllocationMode.Gradient"/>), otherwise from
/// forward passes of the <c>loss</c> function given to the constructor
/// (<see cref="LossAllocationMode.Forward"/>). Standard errors come from half-samples of each layer's
/// weights (<see cref="HalfSampleEntropyChange"/>): they measure the entropy estimate's noise; the loss
/// is taken as exact.
/// </summary>
public sealed class Thermometer
{
    private readonly IEntropyEstimator _estimator;
    private readonly Func<IReadOnlyList<LayerParameters>, double>? _loss;
    private readonly ThermometerSettings _settings;
    private TrajectoryRecorder? _recorder;
    private ForwardLossChangeAllocator? _forward;
    private LayerSlice[] _layers = [];
    private double[]? _lastTheta, _lastGradient;
    private double _lastAllocationEnergy;
    private ThermometerResult? _result;

    /// <summary>A thermometer in <paramref name="view"/> with entropy estimator <paramref name="estimator"/>
    /// (default ebrahimi, the trajectory estimator of <see cref="TransitionSettings"/>), optionally with the
    /// loss function for forward-only allocation: it loads the given parameters into the model and returns
    /// U on the same fixed evaluation set as the recorded losses.</summary>
    /// <exception cref="KelvinException">for a view a single run cannot give (ensemble, gaussian: K ≥ 32
    /// runs; thermal: late iterates around one minimum, not a transition from the first record).</exception>
    public Thermometer(EntropyView view = EntropyView.Particle, IEntropyEstimator? estimator = null,
        Func<IReadOnlyList<LayerParameters>, double>? loss = null, ThermometerSettings? settings = null)
    {
        if (view != EntropyView.Particle)
            throw new KelvinException($"a Thermometer records one run, which gives the particle view only; the {view.Name()} view needs " +
                (view == EntropyView.Thermal ? "the late iterates of runs around their minima" : $"at least {EntropyViews.MinimumEnsembleSize} independent runs"));
        _settings = settings ?? ThermometerSettings.Default;
        _settings.Validate();
        _estimator = estimator ?? new EbrahimiEntropy();
        _loss = loss;
        View = view;
    }

    /// <summary>The entropy view of every S and T.</summary>
    public EntropyView View { get; }
    /// <summary>How ΔE is split between layers; set by the first record.</summary>
    public LossAllocationMode Allocation { get; private set; }
    /// <summary>The number of records so far.</summary>
    public int Count => _recorder?.Checkpoints.Count ?? 0;
    /// <summary>Calls of the loss function so far (forward-only allocation).</summary>
    public long LossEvaluations => _forward?.Evaluations ?? 0;

    /// <summary>Records the model at optimizer step <paramref name="step"/> (steps strictly increase):
    /// its loss U(θ) and every layer, in the same order and with the same sizes at every record.</summary>
    /// <exception cref="KelvinException">for a non-finite loss, a step that does not increase, or layers
    /// that differ from the first record's.</exception>
    public void Record(long step, double loss, IEnumerable<LayerReading> layers) =>
        Record(step, loss, layers, CancellationToken.None);

    /// <inheritdoc cref="Record(long, double, IEnumerable{LayerReading})"/>
    public void Record(long step, double loss, IEnumerable<LayerReading> layers, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(layers);
        cancel.ThrowIfCancellationRequested();
        if (!double.IsFinite(loss)) throw new KelvinException($"the loss at step {step} is {loss}");
        var list = layers.ToList();
        if (list.Count == 0) throw new KelvinException("a record needs at least one layer");
        if (_recorder is null) Start(list);
        else Check(step, list);

        var theta = new double[_layers[^1].Offset + _layers[^1].Length];
        for (int l = 0; l < list.Count; l++) list[l].CopyParameters(theta.AsSpan(_layers[l].Offset, _layers[l].Length));
        SegmentAllocation? segment = null;
        switch (Allocation)
        {
            case LossAllocationMode.Gradient:
                var gradient = new double[theta.Length];
                for (int l = 0; l < list.Count; l++) list[l].CopyGradient(gradient.AsSpan(_layers[l].Offset, _layers[l].Length));
                if (_lastTheta is not null) segment = Trapezoid(_lastTheta, _lastGradient!, theta, gradient, loss - _lastAllocationEnergy);
                _lastGradient = gradient;
                _lastAllocationEnergy = loss;
                break;
            case LossAllocationMode.Forward:
                double u = _forward!.Energy(theta);
                if (_lastTheta is not null) segment = _forward.Allocate(_lastTheta, _lastAllocationEnergy, theta, u);
                _lastAllocationEnergy = u;
                break;
        }
        _lastTheta = theta;
        _recorder!.Append(step, loss, list.Select(r => r.WeightsAsFloat()).ToArray(), segment);
        _result = null;
    }

    /// <summary>Records float32 layers given by name (weights only; insertion order is the layer order).</summary>
    public void Record(long step, double loss, IReadOnlyDictionary<string, float[]> layers) =>
        Record(step, loss, layers.Select(kv => LayerReading.Of(kv.Key, (ReadOnlySpan<float>)kv.Value)));

    /// <summary>Records float64 layers given by name (weights only; insertion order is the layer order).</summary>
    public void Record(long step, double loss, IReadOnlyDictionary<string, double[]> layers) =>
        Record(step, loss, layers.Select(kv => LayerReading.Of(kv.Key, (ReadOnlySpan<double>)kv.Value)));

    /// <summary>The run read so far as a transition (computed once per new record).</summary>
    /// <exception cref="KelvinException">with fewer than 2 records.</exception>
    public ThermometerResult Result => _result ??= Read(CancellationToken.None);

    /// <summary>The run read so far as a transition; the half-sample replicates honour <paramref name="cancel"/>.</summary>
    /// <exception cref="KelvinException">with fewer than 2 records.</exception>
    public ThermometerResult Read(CancellationToken cancel)
    {
        if (Count < 2) throw new KelvinException($"a transition needs at least 2 records (got {Count})");
        var run = new RecordedTraining([_recorder!]);
        var analysis = TransitionAnalysis.Of(run, new TransitionSettings(_settings.LateIterates, _settings.CurveWindow, _estimator));
        int n = run.CheckpointCount, lateCount = analysis.LateIterates;
        int[] late = Enumerable.Range(n - lateCount, lateCount).ToArray();
        var tolerance = TransitionTolerance.Default;
        double e0 = analysis.Global.From.Energy, e1 = analysis.Global.To.Energy, dE = analysis.Global.EnergyChange;

        var layerReplicates = new double[_layers.Length][];
        var layers = new List<LayerThermometry>();
        for (int l = 0; l < _layers.Length; l++)
        {
            var lt = analysis.Layers[l];
            double? dS = lt.EntropyChange;
            double[]? replicates = null;
            if (dS is not null)
            {
                int layer = l;
                var weights = _recorder!.Checkpoints.Select(c => c.LayerWeights[layer]).ToArray();
                replicates = HalfSampleEntropyChange.Replicates(weights, late, _estimator, _settings.Replicates, _settings.Seed, l, cancel);
                if (!replicates.All(double.IsFinite)) replicates = null;
            }
            layerReplicates[l] = replicates!;
            double? dEl = Allocation == LossAllocationMode.None ? null : lt.EnergyChange;
            TemperatureEstimate? t = dEl is double e && dS is double s
                ? Estimate(e, s, replicates, tolerance.Energy(e0, e1), tolerance.Entropy(lt.EntropyFrom!.Value, lt.EntropyTo!.Value))
                : null;
            layers.Add(new LayerThermometry(lt.Name, _layers[l].WeightCount, lt.EntropyFrom, lt.EntropyTo, dEl, t));
        }

        TemperatureEstimate global;
        if (analysis.Global.EntropyChange is double dSg)
        {
            double[]? sum = layerReplicates.All(r => r is not null) ? new double[_settings.Replicates] : null;
            if (sum is not null)
                foreach (var r in layerReplicates) for (int b = 0; b < sum.Length; b++) sum[b] += r[b];
            global = Estimate(dE, dSg, sum, tolerance.Energy(e0, e1), tolerance.Entropy(analysis.Global.From.Entropy, analysis.Global.To.Entropy));
        }
        else global = new TemperatureEstimate(analysis.Global.Temperature, null, new(dE, 0), new(0, 0), UncertaintyMethod.None, 1, View, false);

        return new ThermometerResult(global, layers, analysis.Curve, analysis.Isothermality, Allocation,
            Allocation == LossAllocationMode.None ? null : analysis.AllocationResidual, n);
    }

    private TemperatureEstimate Estimate(double dE, double dS, double[]? replicates, double tolE, double tolS) =>
        replicates is null
            ? TemperatureEstimate.Single(dE, dS, View, tolE, tolS)
            : TemperatureEstimate.FromBootstrap(dE, dS, Enumerable.Repeat(dE, replicates.Length).ToArray(), replicates, View, tolE, tolS);

    private void Start(List<LayerReading> list)
    {
        var names = new HashSet<string>();
        _layers = new LayerSlice[list.Count];
        int offset = 0;
        for (int l = 0; l < list.Count; l++)
        {
            if (!names.Add(list[l].Name)) throw new KelvinException($"two layers are named '{list[l].Name}'");
            _layers[l] = new LayerSlice(list[l].Name, offset, list[l].ParameterCount, list[l].Weights.Count);
            offset += list[l].ParameterCount;
        }
        bool gradients = list.All(r => r.HasGradient);
        if (!gradients && list.Any(r => r.HasGradient)) throw new KelvinException("give the gradient of every layer, or of none");
        Allocation = gradients ? LossAllocationMode.Gradient : _loss is not null ? LossAllocationMode.Forward : LossAllocationMode.None;
        if (Allocation == LossAllocationMode.Forward) _forward = new ForwardLossChangeAllocator(_layers, _loss!, _settings.Tolerance);
        _recorder = new TrajectoryRecorder(_layers);
    }

    private void Check(long step, List<LayerReading> list)
    {
        long last = _recorder!.Checkpoints[^1].Step;
        if (step <= last) throw new KelvinException($"steps must increase ({step} after {last})");
        if (list.Count != _layers.Length) throw new KelvinException($"the first record had {_layers.Length} layers, this one {list.Count}");
        for (int l = 0; l < list.Count; l++)
        {
            var r = list[l]; var s = _layers[l];
            if (r.Name != s.Name || r.Weights.Count != s.WeightCount || r.ParameterCount != s.Length)
                throw new KelvinException($"layer {l + 1} is '{r.Name}' with {r.Weights.Count} weights and {r.Biases.Count} biases; the first record had '{s.Name}' with {s.WeightCount} and {s.Length - s.WeightCount}");
            if (r.HasGradient != (Allocation == LossAllocationMode.Gradient))
                throw new KelvinException($"layer '{r.Name}': record the gradient at every step or at none");
        }
    }

    /// <summary>ΔE_l = ⟨(g_l(a) + g_l(b))/2, θ_l(b) − θ_l(a)⟩: the trapezoid rule along the segment.</summary>
    private SegmentAllocation Trapezoid(double[] a, double[] ga, double[] b, double[] gb, double energyChange)
    {
        var share = new double[_layers.Length];
        for (int l = 0; l < share.Length; l++)
        {
            double s = 0;
            for (int j = _layers[l].Offset; j < _layers[l].Offset + _layers[l].Length; j++) s += 0.5 * (ga[j] + gb[j]) * (b[j] - a[j]);
            share[l] = s;
        }
        return new SegmentAllocation(energyChange, share, 1);
    }
}
