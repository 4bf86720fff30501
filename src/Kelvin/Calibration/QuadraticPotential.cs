using Kelvin.Entropy;
using Kelvin.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Calibration;

/// <summary>
/// The quadratic potential U(θ) = ½ θᵀHθ with H = Q·diag(λ)·Qᵀ symmetric positive definite
/// (docs/theory.md §2, the Boltzmann reference). Its Boltzmann state at temperature T is N(0, T·H⁻¹), with
/// E = d·T/2 (equipartition) and S = (d/2) ln(2πeT) − ½ ln det H.
/// </summary>
public sealed class QuadraticPotential : IPotential
{
    private readonly double[] _h; // row-major d × d

    /// <summary>H = Q·diag(<paramref name="eigenvalues"/>)·Qᵀ for an orthogonal <paramref name="rotation"/> Q.</summary>
    public QuadraticPotential(IReadOnlyList<double> eigenvalues, Matrix<double> rotation)
    {
        int d = eigenvalues.Count;
        if (d < 1) throw new KelvinException($"a quadratic potential needs dimension d >= 1 (got {d})");
        if (rotation.RowCount != d || rotation.ColumnCount != d) throw new KelvinException($"the rotation must be {d}×{d}");
        foreach (double l in eigenvalues)
            if (!(l > 0) || !double.IsFinite(l)) throw new KelvinException($"H must be positive definite: eigenvalue {l}");
        var lambda = eigenvalues.ToArray();
        Eigenvalues = lambda;
        Rotation = rotation;
        Hessian = rotation * Matrix<double>.Build.DiagonalOfDiagonalArray(lambda) * rotation.Transpose();
        Hessian = 0.5 * (Hessian + Hessian.Transpose()); // exactly symmetric
        _h = Hessian.ToRowMajorArray();
    }

    /// <summary>d eigenvalues log-spaced in [<paramref name="lambdaMin"/>, <paramref name="lambdaMax"/>],
    /// rotated by a Haar-random orthogonal matrix drawn from <paramref name="seed"/> (identity when
    /// <paramref name="rotate"/> is false).</summary>
    public static QuadraticPotential LogSpaced(int d, double lambdaMin = 0.5, double lambdaMax = 5, ulong seed = 1, bool rotate = true)
    {
        if (d < 1) throw new KelvinException($"the dimension d must be at least 1 (got {d})");
        if (!(lambdaMin > 0) || !(lambdaMax >= lambdaMin) || !double.IsFinite(lambdaMax))
            throw new KelvinException($"eigenvalues need 0 < lambda_min <= lambda_max (got {lambdaMin}, {lambdaMax})");
        var lambda = new double[d];
        for (int i = 0; i < d; i++)
            lambda[i] = d == 1 ? Math.Sqrt(lambdaMin * lambdaMax) : lambdaMin * Math.Pow(lambdaMax / lambdaMin, (double)i / (d - 1));
        return new QuadraticPotential(lambda, rotate ? RandomRotation(d, new Rng(seed, 0xCA11B)) : Matrix<double>.Build.DenseIdentity(d));
    }

    /// <summary>A Haar-distributed orthogonal matrix: Q of the QR factorization of a Gaussian matrix,
    /// columns sign-fixed by diag(R).</summary>
    public static Matrix<double> RandomRotation(int d, Rng rng)
    {
        var g = Matrix<double>.Build.Dense(d, d, (_, _) => rng.NextGaussian());
        var qr = g.QR();
        var q = qr.Q.Clone();
        for (int j = 0; j < d; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, -q.Column(j));
        return q;
    }

    /// <summary>d, the number of parameters.</summary>
    public int Dimension => Eigenvalues.Count;
    /// <summary>λ₁..λ_d, the eigenvalues of H.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }
    /// <summary>Q, the eigenvectors of H as columns.</summary>
    public Matrix<double> Rotation { get; }
    /// <summary>H = ∇²U.</summary>
    public Matrix<double> Hessian { get; }

    /// <summary>U(θ) = ½ θᵀHθ.</summary>
    public double Energy(ReadOnlySpan<double> theta)
    {
        int d = Dimension;
        double e = 0;
        for (int i = 0; i < d; i++)
        {
            double row = 0;
            for (int j = 0; j < d; j++) row += _h[i * d + j] * theta[j];
            e += theta[i] * row;
        }
        return 0.5 * e;
    }

    /// <summary>∇U(θ) = Hθ, written to <paramref name="gradient"/>.</summary>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int d = Dimension;
        for (int i = 0; i < d; i++)
        {
            double row = 0;
            for (int j = 0; j < d; j++) row += _h[i * d + j] * theta[j];
            gradient[i] = row;
        }
    }

    /// <summary>ln det H = Σ ln λᵢ.</summary>
    public double LogDeterminant => Eigenvalues.Sum(Math.Log);

    /// <summary>The Boltzmann energy d·T/2.</summary>
    public double BoltzmannEnergy(double temperature) => Dimension * temperature / 2;

    /// <summary>The Boltzmann entropy S = ½ ln det(2πe·T·H⁻¹) = (d/2) ln(2πeT) − ½ ln det H.</summary>
    public double BoltzmannEntropy(double temperature) =>
        MultivariateGaussianEntropy.FromCovariance(temperature * Hessian.Inverse());

    /// <summary>The exact mean of U = ½θᵀHθ over the stationary state of the unadjusted Langevin chain of
    /// step η at temperature T, whose variance along λ is T/(λ(1 − ηλ/2)): E[U] = Σ T/(2 − ηλ) (d·T/2 as η → 0).
    /// Needs ηλ_max &lt; 2.</summary>
    public double LangevinEnergy(double temperature, double stepSize)
    {
        double e = 0;
        foreach (double l in Eigenvalues)
        {
            if (!(stepSize * l < 2)) throw new KelvinException($"the Langevin step must satisfy eta·lambda_max < 2 (got eta = {stepSize}, lambda = {l})");
            e += temperature / (2 - stepSize * l);
        }
        return e;
    }

    /// <summary>
    /// The modified ("shadow") potential Ũ = ½ θᵀH̃θ, H̃ = H(I − ηH/2), of Langevin steps of size η: the
    /// discrete chain θ ← θ − ηHθ + √(2ηT)ξ is exactly Boltzmann for Ũ at temperature T, since its
    /// stationary variance along λ is T/(λ(1 − ηλ/2)) (docs/theory.md §2); its Boltzmann entropy is the exact entropy
    /// of the chain's stationary state. Needs ηλ_max &lt; 2.
    /// </summary>
    public QuadraticPotential Shadow(double stepSize)
    {
        double lmax = Eigenvalues.Max();
        if (!(stepSize > 0) || stepSize * lmax >= 2)
            throw new KelvinException($"the Langevin step must satisfy 0 < eta·lambda_max < 2 (got eta = {stepSize}, lambda_max = {lmax})");
        return new QuadraticPotential(Eigenvalues.Select(l => l * (1 - stepSize * l / 2)).ToArray(), Rotation);
    }
}
