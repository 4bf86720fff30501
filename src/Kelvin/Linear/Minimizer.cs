using Kelvin.Energy;
using Kelvin.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Linear;

/// <summary>The minimum of U_D: w* = argmin U_D(w) and U_D(w*) (docs/theory.md §5, "minimum energy").</summary>
/// <param name="Weights">w*.</param>
/// <param name="Energy">U_D(w*).</param>
/// <param name="Iterations">iterations used (1 for least squares).</param>
public sealed record MinimumEnergy(double[] Weights, double Energy, int Iterations);

/// <summary>
/// The principle of minimum potential energy for a linear model: least squares (mse), least absolute
/// deviations by iteratively reweighted least squares (mae), logistic regression by damped Newton (ce).
/// Every iteration is capped; separable classification data (no finite minimum) are reported with a
/// <see cref="KelvinException"/>, never an endless loop.
/// </summary>
public static class Minimizer
{
    /// <summary>Iteration cap of IRLS and Newton.</summary>
    public const int MaxIterations = 500;

    /// <summary>Newton decrement gᵀH⁻¹g, relative to 1 + U, below which logistic regression takes one last
    /// full step and stops: U's own round-off (~1e−16 relative) makes smaller decrements unmeasurable.</summary>
    public const double RoundOffDecrement = 1e-12;

    /// <summary>Smallest pivot ratio min Lᵢᵢ²/max Lᵢᵢ² of the Cholesky factor of Σ cᵢxᵢxᵢᵀ accepted as full rank.</summary>
    public const double CollinearPivotRatio = 1e-12;

    /// <summary>w* and U_D(w*) for <paramref name="loss"/> on <paramref name="data"/>.</summary>
    public static MinimumEnergy Minimize(LinearData data, IEnergyForm loss)
    {
        data.CheckLoss(loss);
        return loss switch
        {
            MeanSquaredError => LeastSquares(data),
            MeanAbsoluteError => LeastAbsoluteDeviations(data),
            CrossEntropy => LogisticRegression(data),
            _ => throw new KelvinException($"no minimizer for loss '{loss.Name}'"),
        };
    }

    /// <summary>mse: the normal equations (XᵀX) w = Xᵀy, solved by Cholesky.</summary>
    public static MinimumEnergy LeastSquares(LinearData data)
    {
        var w = WeightedLeastSquares(data, _ => 1.0);
        return new MinimumEnergy(w, data.Energy(MeanSquaredError.Instance, w), 1);
    }

    /// <summary>mae: IRLS, weights 1/max(|rᵢ|, ε) with ε = 1e−9·(1 + mean|y|); stops when U_D falls by
    /// less than 1e−13 relative, or after <see cref="MaxIterations"/> (the best iterate is kept).</summary>
    public static MinimumEnergy LeastAbsoluteDeviations(LinearData data)
    {
        var loss = MeanAbsoluteError.Instance;
        var w = WeightedLeastSquares(data, _ => 1.0);
        double best = data.Energy(loss, w);
        double eps = 1e-9 * (1 + data.Targets.Average(Math.Abs));
        var r = new double[data.Count];
        int it = 1;
        for (; it <= MaxIterations; it++)
        {
            for (int i = 0; i < data.Count; i++) r[i] = Math.Abs(data.Targets[i] - data.Predict(w, i));
            var next = WeightedLeastSquares(data, i => 1.0 / Math.Max(r[i], eps));
            double u = data.Energy(loss, next);
            if (!(u < best)) break;
            bool done = best - u <= 1e-13 * best;
            w = next; best = u;
            if (done) break;
        }
        return new MinimumEnergy(w, best, it);
    }

    /// <summary>ce: Newton's method with step halving (Armijo). Stops when the Newton decrement is below
    /// 1e−20 (or, below <see cref="RoundOffDecrement"/>·(1 + U), after one last full step), or after <see cref="MaxIterations"/>. If U_D falls below ln 2 / n every sample has a
    /// positive margin: the data are linearly separable and U_D has no minimum (an error).</summary>
    public static MinimumEnergy LogisticRegression(LinearData data)
    {
        var loss = CrossEntropy.Instance;
        int d = data.Dimension, n = data.Count;
        var w = new double[d];
        double u = data.Energy(loss, w);
        var grad = new double[d];
        double separable = Math.Log(2) / n;
        for (int it = 1; it <= MaxIterations; it++)
        {
            data.Gradient(loss, w, grad);
            var h = data.WeightedSecondMoment(i =>
            {
                double m = data.Targets[i] * data.Predict(w, i);
                return Stable.Sigmoid(m) * Stable.Sigmoid(-m);
            });
            var g = Vector<double>.Build.DenseOfArray(grad);
            Vector<double> step;
            try { step = h.Cholesky().Solve(g); }
            catch (ArgumentException) { step = (h + Matrix<double>.Build.DenseIdentity(d) * 1e-10).Cholesky().Solve(g); }
            double decrement = g.DotProduct(step);
            if (!double.IsFinite(decrement)) throw new KelvinException("logistic regression failed: the Hessian is singular (are the features collinear?)");
            if (decrement <= 1e-20) return new MinimumEnergy(w, u, it);
            if (decrement <= RoundOffDecrement * (1 + u))
            {
                // Within round-off of the minimum (U − U* ≈ decrement/2): Newton's quadratic convergence makes one
                // full step land on it; an Armijo test here would compare equal energies and never terminate.
                var last = new double[d];
                for (int j = 0; j < d; j++) last[j] = w[j] - step[j];
                double ul = data.Energy(loss, last);
                return ul <= u ? new MinimumEnergy(last, ul, it) : new MinimumEnergy(w, u, it);
            }
            double t = 1;
            var trial = new double[d];
            double ut;
            for (int halving = 0; ; halving++)
            {
                for (int j = 0; j < d; j++) trial[j] = w[j] - t * step[j];
                ut = data.Energy(loss, trial);
                if (ut <= u - 0.25 * t * decrement) break;
                if (halving == 60) return new MinimumEnergy(w, u, it); // no further descent possible: converged to round-off
                t *= 0.5;
            }
            w = trial; u = ut;
            if (u < separable)
                throw new KelvinException($"the classification data are linearly separable (every margin is positive after {it} Newton steps): ce has no minimum, so there is no trained state; add label noise or use fewer features");
        }
        throw new KelvinException($"logistic regression did not converge in {MaxIterations} Newton steps (nearly separable data?)");
    }

    /// <summary>argmin Σᵢ cᵢ (yᵢ − wᵀxᵢ)²: (Σ cᵢ xᵢxᵢᵀ) w = Σ cᵢ yᵢ xᵢ.</summary>
    internal static double[] WeightedLeastSquares(LinearData data, Func<int, double> weights)
    {
        int d = data.Dimension;
        var a = data.WeightedSecondMoment(weights);
        var b = new double[d];
        for (int i = 0; i < data.Count; i++)
        {
            double c = weights(i) * data.Targets[i];
            var x = data.Row(i);
            for (int j = 0; j < d; j++) b[j] += c * x[j];
        }
        for (int j = 0; j < d; j++) b[j] /= data.Count;
        const string collinear = "the features are collinear (XᵀX is singular): no unique minimum";
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try { cholesky = a.Cholesky(); }
        catch (ArgumentException) { throw new KelvinException(collinear); }
        var pivots = Enumerable.Range(0, d).Select(j => cholesky.Factor[j, j] * cholesky.Factor[j, j]).ToArray();
        if (!(pivots.Min() > CollinearPivotRatio * pivots.Max())) throw new KelvinException(collinear);
        return cholesky.Solve(Vector<double>.Build.DenseOfArray(b)).ToArray();
    }
}
