using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Entropy;

/// <summary>
/// The differential entropy of a d-dimensional Gaussian with covariance C:
/// h = ½ ln det(2πe C) = (d/2) ln(2πe) + ½ ln det C, in nats, by a Cholesky factorization
/// (ln det C = 2 Σ ln Lᵢᵢ). The one place Kelvin evaluates it: Gaussian states of the ensemble view,
/// linear-model stationary states and the Boltzmann calibration all call this.
/// </summary>
public static class MultivariateGaussianEntropy
{
    /// <summary>½ ln det(2πe C) for a symmetric positive-definite covariance <paramref name="covariance"/>.</summary>
    /// <exception cref="KelvinException">when C is not square, not finite or not positive definite
    /// (a state without spread in some direction has S = −∞: a point state).</exception>
    public static double FromCovariance(Matrix<double> covariance)
    {
        int d = covariance.RowCount;
        if (d == 0 || covariance.ColumnCount != d) throw new KelvinException($"a covariance must be square and non-empty (got {covariance.RowCount}×{covariance.ColumnCount})");
        return d / 2.0 * Math.Log(2 * Math.PI * Math.E) + 0.5 * LogDeterminant(covariance);
    }

    /// <summary>ln det C of a symmetric positive-definite matrix, by Cholesky.</summary>
    public static double LogDeterminant(Matrix<double> covariance)
    {
        int d = covariance.RowCount;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                if (!double.IsFinite(covariance[i, j])) throw new KelvinException($"covariance has a non-finite entry at ({i + 1}, {j + 1})");
        double logDet = 0;
        try
        {
            var l = covariance.Cholesky().Factor;
            for (int i = 0; i < d; i++) logDet += Math.Log(l[i, i]);
        }
        catch (ArgumentException)
        {
            throw new KelvinException($"the {d}×{d} covariance is not positive definite: the state has no spread in some direction (a point state, or fewer samples than parameters)");
        }
        if (!double.IsFinite(logDet)) throw new KelvinException($"the {d}×{d} covariance is singular: a point state in some direction");
        return 2 * logDet;
    }

    /// <summary>The unbiased sample covariance (1/(N−1)) Σ (θ − θ̄)(θ − θ̄)ᵀ of N samples of dimension d,
    /// given sample-major (<paramref name="samples"/>[s·d + j] is parameter j of sample s).
    /// Accumulated in sample order: deterministic.</summary>
    public static Matrix<double> SampleCovariance(ReadOnlySpan<double> samples, int count, int dimension)
    {
        if (count < 2 || dimension < 1 || samples.Length != count * dimension)
            throw new KelvinException($"a sample covariance needs at least 2 samples of dimension >= 1 (got {count} samples, dimension {dimension}, {samples.Length} values)");
        var mean = new double[dimension];
        for (int s = 0; s < count; s++)
            for (int j = 0; j < dimension; j++) mean[j] += samples[s * dimension + j];
        for (int j = 0; j < dimension; j++) mean[j] /= count;
        var c = new double[dimension, dimension];
        var centred = new double[dimension];
        for (int s = 0; s < count; s++)
        {
            for (int j = 0; j < dimension; j++) centred[j] = samples[s * dimension + j] - mean[j];
            for (int i = 0; i < dimension; i++)
            {
                double ci = centred[i];
                for (int j = 0; j <= i; j++) c[i, j] += ci * centred[j];
            }
        }
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j <= i; j++)
            {
                c[i, j] /= count - 1;
                c[j, i] = c[i, j];
            }
        return Matrix<double>.Build.DenseOfArray(c);
    }

    /// <summary>½ ln det(2πe Ĉ) of the sample covariance Ĉ of sample-major <paramref name="samples"/>
    /// (needs more samples than dimensions).</summary>
    public static double FromSamples(ReadOnlySpan<double> samples, int count, int dimension)
    {
        if (count <= dimension)
            throw new KelvinException($"the Gaussian entropy of {dimension} parameters needs more samples than parameters (got {count})");
        return FromCovariance(SampleCovariance(samples, count, dimension));
    }
}
