using Kelvin.Data;
using Kelvin.Distributions;
using Kelvin.Energy;
using Kelvin.Networks;
using Kelvin.Networks.Optimizers;
using Kelvin.Networks.Training;
using Kelvin.Randomness;
using Kelvin.Trajectories;

namespace Kelvin.Bench.Compare;

/// <summary>
/// The training sections of the comparison. Every run uses plain SGD (η = 0.01, no momentum: what
/// bench/peers/torch_mlp.py runs), softmax cross-entropy, ReLU hidden layers, He-normal weights, and
/// all cores (the matrix products' default scheduler).
/// </summary>
public static class TrainingComparison
{
    private static readonly IReadOnlyList<InitializationScheme> He = [InitializationScheme.Parse("he-normal")];

    /// <summary><c>mlp --layers 64,128,128,10 --batch 32 --samples 8192</c>: samples/s of one epoch on
    /// synthetic Gaussian data (median of <c>--reps</c> epochs after a warm-up epoch).</summary>
    public static Dictionary<string, object> Mlp(CompareOptions o)
    {
        var arch = Architecture(o.Text("layers", "64,128,128,10"));
        int batch = o.Int("batch", 32), samples = o.Int("samples", 8192);
        var data = Synthetic(arch, samples);
        var net = Kelvin.Networks.Mlp.Initialize(arch, He, new Rng(1));
        var options = Options(batch);
        // The products of one sample's step: forward 2·Σ d_l d_{l+1}, ∂W the same, ∂x all but the first layer.
        double flopsPerSample = 0;
        for (int l = 0; l < arch.LayerCount; l++) flopsPerSample += (l == 0 ? 4.0 : 6.0) * arch.Widths[l] * arch.Widths[l + 1];
        int sgemm = o.Int("sgemm", 0);
        // --kernel avx2: the 6×16 kernel for the products started on this thread (the serial ones).
        Kelvin.Networks.Kernels.Gemm.ForceAvx2 = o.Text("kernel", "") == "avx2";
        var blas = new List<double>();
        var times = new List<double>();
        Trainer.Train(net, data, options);
        if (sgemm > 0 && Kelvin.Bench.Networks.OpenBlas.IsAvailable)
        {
            // The machine's sgemm rate, alternated with the training epochs (same moment, same load).
            Kelvin.Bench.Networks.OpenBlas.Threads(Environment.ProcessorCount);
            var a = Gaussian(sgemm * sgemm, 1); var b = Gaussian(sgemm * sgemm, 2); var c = new float[sgemm * sgemm];
            void Blas() => Kelvin.Bench.Networks.OpenBlas.Multiply(a, false, b, false, c, sgemm, sgemm, sgemm);
            Blas();
            for (int r = 0; r < o.Reps; r++)
            {
                times.Add(Timing.Seconds(1, () => Trainer.Train(net, data, options), warmUp: false)[0]);
                blas.Add(Timing.Seconds(1, Blas)[0]); // after an untimed product: the pool's workers may still spin
            }
        }
        else times.AddRange(Timing.Seconds(o.Reps, () => Trainer.Train(net, data, options), warmUp: false));
        double processed = samples;
        var result = new Dictionary<string, object>
        {
            ["layers"] = arch.ToString(), ["batch"] = batch,
            ["samples_per_s"] = processed / Timing.Median(times),
            ["all"] = times.Select(t => processed / t).ToArray(),
            ["gflops"] = processed * flopsPerSample / Timing.Median(times) / 1e9,
        };
        if (blas.Count > 0)
        {
            result["openblas_sgemm_gflops"] = 2.0 * sgemm * sgemm * sgemm / Timing.Median(blas) / 1e9;
            result["openblas_core"] = Kelvin.Bench.Networks.OpenBlas.Core;
        }
        return result;
    }

    /// <summary><c>thermometer --k 10 --epochs 3 [--members K]</c>: digits (train split), 64-128-128-10,
    /// batch 32: plain training against training with the thermometer (RecordedTrainer every k steps:
    /// energy and loss change allocation on the evaluation set, then TransitionAnalysis: per-layer
    /// entropies at every checkpoint, T, T_l and T(t)), alternating; overhead = recorded / plain − 1.
    /// With K members (default 1) both sides train K networks (Ensemble.Train: members in parallel) and
    /// the standard errors come from the members instead of a bootstrap.</summary>
    public static Dictionary<string, object> Thermometer(CompareOptions o)
    {
        int k = o.Int("k", 10), epochs = o.Int("epochs", 3), members = o.Int("members", 1);
        var setup = ThermometerSetup(k, epochs, out var data, out var Plain, members);
        var options = setup.Options;
        RecordedTraining? run = null;
        var analysisCpu = new List<double>();
        void Recorded()
        {
            run = RecordedTrainer.Train(setup, data).Run;
            double c = ThermometerAccuracy.Cpu();
            TransitionAnalysis.Of(run);
            analysisCpu.Add(ThermometerAccuracy.Cpu() - c);
        }
        Plain(); Recorded(); analysisCpu.Clear();
        var plain = new List<double>();
        var recorded = new List<double>();
        var plainCpu = new List<double>();
        var recordedCpu = new List<double>();
        for (int r = 0; r < o.Reps; r++)
        {
            double c0 = ThermometerAccuracy.Cpu();
            plain.Add(Timing.Seconds(1, Plain, warmUp: false)[0]);
            double c1 = ThermometerAccuracy.Cpu();
            recorded.Add(Timing.Seconds(1, Recorded, warmUp: false)[0]);
            plainCpu.Add(c1 - c0); recordedCpu.Add(ThermometerAccuracy.Cpu() - c1);
        }
        double p = Timing.Median(plain), q = Timing.Median(recorded);
        double pc = Timing.Median(plainCpu), qc = Timing.Median(recordedCpu);
        // Accuracy of the default allocation against Simpson's on the same run (the trajectory is the same).
        var ours = TransitionAnalysis.Of(run!);
        var simpson = TransitionAnalysis.Of(RecordedTrainer.Train(setup with { Rule = AllocationRule.Simpson }, data).Run);
        double worst = 0;
        for (int l = 0; l < ours.Layers.Count; l++)
            if (ours.Layers[l].Temperature.Value is double t && simpson.Layers[l].Temperature.Value is double s && s != 0)
                worst = Math.Max(worst, Math.Abs(t - s) / Math.Abs(s));
        return new Dictionary<string, object>
        {
            ["k"] = k, ["steps"] = RecordedTrainer.StepsPerMember(options, data.Count),
            ["checkpoints"] = run!.CheckpointCount, ["evaluation_samples"] = run.EvaluationSamples,
            ["gradient_evaluations"] = run.Evaluations, ["rule"] = setup.Rule.ToString().ToLowerInvariant(),
            ["plain_s"] = p, ["recorded_s"] = q, ["overhead"] = q / p - 1,
            ["plain_cpu_s"] = pc, ["recorded_cpu_s"] = qc, ["cpu_overhead"] = qc / pc - 1,
            // The analysis's share: with one member the standard errors come from a bootstrap of the
            // weights (TransitionSettings.BootstrapReplicates entropies per layer and checkpoint).
            ["analysis_cpu_s"] = Timing.Median(analysisCpu), ["members"] = setup.Members,
            ["residual"] = run.AllocationResidual ?? 0, ["max_T_l_vs_simpson"] = worst,
        };
    }

    /// <summary>The thermometer case: digits (train split), 64-128-128-10, batch 32, SGD, checkpoints
    /// every <paramref name="k"/> steps, <paramref name="members"/> networks; <paramref name="plain"/>
    /// trains the same networks without it.</summary>
    internal static TrainingSetup ThermometerSetup(int k, int epochs, out Dataset data, out Action plain, int members = 1)
    {
        var d = data = Digits();
        var arch = Architecture("64,128,128,10");
        var options = Options(32) with { Epochs = epochs, HookInterval = k, Seed = 1 };
        plain = members == 1
            ? () => Trainer.Train(Kelvin.Networks.Mlp.Initialize(arch, He, new Rng(1)), d, options)
            : () => Ensemble.Train(Ensemble.Initialize(arch, He, 1, members), d, options);
        // As many members as the plain training it is compared with (TrainingSetup's default is K = 4).
        return new TrainingSetup(arch, He, options) { Members = members };
    }

    /// <summary><c>ensemble --members K --epochs 1</c>: K members of 64-128-128-10 on digits trained
    /// together (Ensemble.Train: members in parallel); members/s = K·epochs / seconds.</summary>
    public static Dictionary<string, object> EnsembleScaling(CompareOptions o)
    {
        int members = o.Int("members", 4), epochs = o.Int("epochs", 1);
        var data = Digits();
        var arch = Architecture("64,128,128,10");
        var options = Options(32) with { Epochs = epochs, Seed = 1 };
        var times = Timing.Seconds(o.Reps, () => Ensemble.Train(Ensemble.Initialize(arch, He, 1, members), data, options));
        double t = Timing.Median(times);
        return new Dictionary<string, object> { ["members"] = members, ["seconds"] = t, ["members_per_s"] = members * epochs / t };
    }

    /// <summary><c>curve --width W --steps 20 --k 10</c>: the cost of T(t) for 64-W-W-10 on digits:
    /// seconds of the recorded training (allocation) and of the analysis (per-layer entropies,
    /// temperatures), and the same training without the thermometer.</summary>
    public static Dictionary<string, object> CurveCost(CompareOptions o)
    {
        int width = o.Int("width", 256), steps = o.Int("steps", 20), k = o.Int("k", 10);
        var data = Digits();
        var arch = Architecture($"64,{width},{width},10");
        var options = Options(32) with { Epochs = 1000, MaxSteps = steps, HookInterval = k, Seed = 1 };
        var setup = new TrainingSetup(arch, He, options) { Members = 1 };
        RecordedTraining run = null!;
        var plain = Timing.Seconds(o.Reps, () => Trainer.Train(Kelvin.Networks.Mlp.Initialize(arch, He, new Rng(1)), data, options));
        var record = Timing.Seconds(o.Reps, () => run = RecordedTrainer.Train(setup, data).Run);
        var analysis = Timing.Seconds(o.Reps, () => TransitionAnalysis.Of(run));
        return new Dictionary<string, object>
        {
            ["width"] = width, ["parameters"] = arch.ParameterCount, ["steps"] = steps, ["k"] = k,
            ["checkpoints"] = run.CheckpointCount, ["gradient_evaluations"] = run.Evaluations,
            ["plain_s"] = Timing.Median(plain), ["record_s"] = Timing.Median(record), ["analysis_s"] = Timing.Median(analysis),
        };
    }

    private static MlpArchitecture Architecture(string layers) => MlpArchitecture.Parse(layers.Replace(',', '-'), "relu");

    private static TrainingOptions Options(int batch) =>
        new() { Energy = CrossEntropy.Instance, Optimizer = OptimizerSettings.Sgd(0.01), BatchSize = batch, Epochs = 1 };

    private static Dataset Digits() => DataSplit.Create(DatasetCatalog.Load("digits"), 1).Train;

    /// <summary>n standard Gaussian float32 values from stream <paramref name="seed"/>.</summary>
    internal static float[] Gaussian(int length, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)rng.NextGaussian();
        return x;
    }

    /// <summary>Gaussian features with random labels, sized for <paramref name="arch"/>.</summary>
    private static Dataset Synthetic(MlpArchitecture arch, int n) => Kelvin.Bench.Networks.NetworkQuickBench.Synthetic(arch, n);
}
