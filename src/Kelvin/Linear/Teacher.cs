using Kelvin.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Linear;

/// <summary>The law of the teacher's noise ν (regression).</summary>
public enum NoiseLaw
{
    /// <summary>ν ~ N(0, s²).</summary>
    Gaussian,
    /// <summary>ν ~ Laplace with standard deviation s (scale s/√2).</summary>
    Laplace,
}

/// <summary>
/// A teacher (docs/theory.md §5): features x ~ N(0, Σ_x); regression y = w*ᵀx + ν; classification
/// y = sign(w*ᵀx + s·L), L standard logistic (the well-specified logistic model when s = 1).
/// </summary>
/// <param name="D">d, the number of features/weights.</param>
/// <param name="N">n, the number of samples.</param>
/// <param name="Signal">‖w*‖²/d (exactly: w* is a random direction scaled to this norm).</param>
/// <param name="Noise">s, the noise scale (standard deviation of ν; logistic scale for classification).</param>
/// <param name="Task">regression or classification.</param>
/// <param name="Law">the regression noise law.</param>
/// <param name="ConditionNumber">κ of Σ_x: eigenvalues geometric from 1 to 1/κ, rescaled to mean 1,
/// in a random orthogonal basis drawn from the seed (κ = 1: Σ_x = I).</param>
/// <param name="Seed">the seed of every draw.</param>
public sealed record TeacherSpec(int D, int N, double Signal, double Noise, LinearTask Task,
                                 NoiseLaw Law = NoiseLaw.Gaussian, double ConditionNumber = 1, ulong Seed = 1)
{
    /// <summary>Checks every parameter, with a one-line error naming the bad one.</summary>
    public void Validate()
    {
        if (D < 1) throw new KelvinException($"D must be at least 1 (got {D})", nameof(D));
        if (N < 2) throw new KelvinException($"N must be at least 2 (got {N})", nameof(N));
        if (D > LinearData.MaxDimension) throw new KelvinException($"D = {D} is too large: the theory works with d × d matrices (limit d ≤ {LinearData.MaxDimension})", nameof(D));
        if ((long)N * D > LinearData.MaxValues) throw new KelvinException($"n·d = {(long)N * D} is too large (limit {LinearData.MaxValues:0.#e0})");
        if (!(Signal >= 0) || !double.IsFinite(Signal)) throw new KelvinException($"Signal must be finite and >= 0 (got {Signal})", nameof(Signal));
        if (!(Noise > 0) || !double.IsFinite(Noise)) throw new KelvinException($"Noise must be finite and > 0 (got {Noise})", nameof(Noise));
        if (!(ConditionNumber >= 1) || !double.IsFinite(ConditionNumber)) throw new KelvinException($"condition number must be >= 1 (got {ConditionNumber})");
    }
}

/// <summary>A drawn teacher: its true weights w*, feature covariance Σ_x, and data.</summary>
public sealed class Teacher
{
    private Teacher(TeacherSpec spec, double[] trueWeights, Matrix<double> root, double[] latent, double[] noise, LinearData data)
    {
        Spec = spec; TrueWeights = trueWeights; FeatureRoot = root; Latent = latent; NoiseDraws = noise; Data = data;
    }

    /// <summary>The parameters it was drawn from.</summary>
    public TeacherSpec Spec { get; }
    /// <summary>w*, with ‖w*‖² = d·signal.</summary>
    public double[] TrueWeights { get; }
    /// <summary>A square root A of Σ_x = AAᵀ (x = A·z, z ~ N(0, I)).</summary>
    public Matrix<double> FeatureRoot { get; }
    /// <summary>Σ_x = AAᵀ.</summary>
    public Matrix<double> FeatureCovariance => FeatureRoot * FeatureRoot.Transpose();
    /// <summary>The drawn data.</summary>
    public LinearData Data { get; }
    // The standard draws behind the data, kept so that shifts can change one thing at a time.
    private double[] Latent { get; }
    private double[] NoiseDraws { get; }

    /// <summary>Draws a teacher and its data from <paramref name="spec"/>.</summary>
    public static Teacher Draw(TeacherSpec spec)
    {
        spec.Validate();
        int d = spec.D, n = spec.N;
        var rng = new Rng(spec.Seed, 0x7EAC);
        var w = new double[d];
        double norm2 = 0;
        do
        {
            norm2 = 0;
            for (int j = 0; j < d; j++) { w[j] = rng.NextGaussian(); norm2 += w[j] * w[j]; }
        } while (norm2 == 0);
        double scale = Math.Sqrt(spec.Signal * d / norm2);
        for (int j = 0; j < d; j++) w[j] *= scale;

        var root = FeatureRootFor(d, spec.ConditionNumber, rng);
        var latent = new double[n * d];
        for (int i = 0; i < latent.Length; i++) latent[i] = rng.NextGaussian();
        var noise = new double[n];
        for (int i = 0; i < n; i++) noise[i] = StandardNoise(spec, rng);
        return Build(spec, w, root, latent, noise);
    }

    private static Teacher Build(TeacherSpec spec, double[] w, Matrix<double> root, double[] latent, double[] noise)
    {
        int d = spec.D, n = spec.N;
        var x = new double[n * d];
        var a = root.ToArray();
        for (int i = 0; i < n; i++)
            for (int r = 0; r < d; r++)
            {
                double s = 0;
                for (int c = 0; c < d; c++) s += a[r, c] * latent[i * d + c];
                x[i * d + r] = s;
            }
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < d; j++) z += w[j] * x[i * d + j];
            double v = z + spec.Noise * noise[i];
            y[i] = spec.Task == LinearTask.Regression ? v : (v >= 0 ? 1.0 : -1.0);
        }
        var data = new LinearData($"teacher(d={d}, n={n}, seed={spec.Seed})", spec.Task, x, y, d);
        return new Teacher(spec, w, root, latent, noise, data);
    }

    /// <summary>The same draws under changed teacher parameters: new w*, feature scale, noise scale or
    /// label offset; used by the shifts of docs/theory.md §4 so that a shift changes exactly one thing.</summary>
    internal Teacher With(double[]? trueWeights = null, double featureScale = 1, double? noise = null, double labelOffset = 0)
    {
        var spec = Spec with { Noise = noise ?? Spec.Noise };
        var root = FeatureRoot * featureScale;
        var draws = NoiseDraws;
        if (labelOffset != 0)
        {
            draws = new double[NoiseDraws.Length];
            for (int i = 0; i < draws.Length; i++) draws[i] = NoiseDraws[i] + labelOffset / spec.Noise;
        }
        return Build(spec, trueWeights ?? TrueWeights, root, Latent, draws);
    }

    private static double StandardNoise(TeacherSpec spec, Rng rng)
    {
        if (spec.Task == LinearTask.Classification)
        {
            double u = rng.NextOpenDouble();
            return Math.Log(u / (1 - u)); // standard logistic
        }
        if (spec.Law == NoiseLaw.Gaussian) return rng.NextGaussian();
        // Laplace with unit variance: scale 1/√2.
        double e = -Math.Log(rng.NextOpenDouble());
        return (rng.NextDouble() < 0.5 ? -e : e) / Math.Sqrt(2);
    }

    private static Matrix<double> FeatureRootFor(int d, double kappa, Rng rng)
    {
        if (kappa == 1) return Matrix<double>.Build.DenseIdentity(d);
        // eigenvalues λ_k = κ^(−k/(d−1)), rescaled to mean 1; random rotation Q from the QR of a Gaussian matrix.
        var lambda = new double[d];
        for (int k = 0; k < d; k++) lambda[k] = d == 1 ? 1 : Math.Pow(kappa, -(double)k / (d - 1));
        double mean = lambda.Average();
        var g = Matrix<double>.Build.Dense(d, d, (_, _) => rng.NextGaussian());
        var q = g.QR().Q;
        var sqrt = Matrix<double>.Build.DenseOfDiagonalArray(lambda.Select(l => Math.Sqrt(l / mean)).ToArray());
        return q * sqrt;
    }
}
