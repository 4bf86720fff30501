using Kelvin.Energy;
using Kelvin.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Kelvin.Linear;

/// <summary>
/// The local shape of U_D at its minimum w*: the Hessian H = ∇²U_D(w*) and the covariance
/// C₁ = Cov_i[∇ℓᵢ(w*)] of one sample's gradient — what the SGD-stationary state needs (docs/theory.md §5).
/// </summary>
/// <param name="Hessian">H.</param>
/// <param name="GradientCovariance">C₁ = (1/n) Σ gᵢgᵢᵀ − ḡḡᵀ, gᵢ = ℓ′(wᵀxᵢ, yᵢ)·xᵢ.</param>
/// <param name="Bandwidth">mae only: the kernel bandwidth h used for the residual density at zero (else null).</param>
public sealed record Curvature(Matrix<double> Hessian, Matrix<double> GradientCovariance, double? Bandwidth)
{
    /// <summary>
    /// H and C₁ at <paramref name="w"/> for the three losses:
    /// mse: H = (2/n) Σ xxᵀ, gᵢ = 2rᵢxᵢ (rᵢ = wᵀxᵢ − yᵢ);
    /// ce: H = (1/n) Σ σ(mᵢ)σ(−mᵢ) xxᵀ, gᵢ = −yᵢσ(−mᵢ)xᵢ (mᵢ = yᵢwᵀxᵢ);
    /// mae: gᵢ = sign(rᵢ)xᵢ (sign² taken as 1), and H = (1/n) Σ 2K_h(rᵢ) xᵢxᵢᵀ — the expected Hessian
    /// 2 E[f(0|x) xxᵀ] with the residual density at zero estimated by a Gaussian kernel K_h of
    /// Silverman's bandwidth h = 0.9·min(sd, IQR/1.34)·n^(−1/5).
    /// </summary>
    public static Curvature At(LinearData data, IEnergyForm loss, ReadOnlySpan<double> w)
    {
        data.CheckLoss(loss);
        int n = data.Count;
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = data.Predict(w, i);
        var y = data.Targets;
        Func<int, double> gradScale, curvature;
        double? bandwidth = null;
        switch (loss)
        {
            case MeanSquaredError:
                gradScale = i => 2 * (z[i] - y[i]);
                curvature = _ => 2.0;
                break;
            case CrossEntropy:
                gradScale = i => -y[i] * Stable.Sigmoid(-y[i] * z[i]);
                curvature = i => Stable.Sigmoid(y[i] * z[i]) * Stable.Sigmoid(-y[i] * z[i]);
                break;
            case MeanAbsoluteError:
                var r = new double[n];
                for (int i = 0; i < n; i++) r[i] = z[i] - y[i];
                double h = SilvermanBandwidth(r);
                bandwidth = h;
                gradScale = i => r[i] >= 0 ? 1.0 : -1.0;
                curvature = i => 2 * Stable.NormalPdf(r[i] / h) / h;
                break;
            default:
                throw new KelvinException($"no curvature for loss '{loss.Name}'");
        }
        var hessian = data.WeightedSecondMoment(curvature);
        var second = data.WeightedSecondMoment(i => { double g = gradScale(i); return g * g; });
        int d = data.Dimension;
        var mean = new double[d];
        for (int i = 0; i < n; i++)
        {
            double g = gradScale(i);
            var x = data.Row(i);
            for (int j = 0; j < d; j++) mean[j] += g * x[j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        var gm = Vector<double>.Build.DenseOfArray(mean);
        var c1 = second - gm.OuterProduct(gm);
        return new Curvature(hessian, c1, bandwidth);
    }

    /// <summary>Silverman's rule h = 0.9·min(sd, IQR/1.34)·n^(−1/5) (sd alone when the IQR is 0).</summary>
    public static double SilvermanBandwidth(double[] values)
    {
        double sd = values.StandardDeviation();
        double iqr = values.InterquartileRange();
        double spread = iqr > 0 ? Math.Min(sd, iqr / 1.34) : sd;
        if (!(spread > 0)) throw new KelvinException("mae curvature: every residual is equal, the noise density at zero is undefined");
        return 0.9 * spread * Math.Pow(values.Length, -0.2);
    }
}
