using Kelvin.Energy;
using Kelvin.Linear;
using Kelvin.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Tests.Linear;

public class LyapunovTests
{
    // A random SPD H (eigenvalues 0.3..3) and a random SPD C, d = 4.
    private static (Matrix<double> H, Matrix<double> C) Random(ulong seed, int d = 4)
    {
        var rng = new Rng(seed);
        var g = Matrix<double>.Build.Dense(d, d, (_, _) => rng.NextGaussian());
        var q = g.QR().Q;
        var lambda = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, d).Select(k => 0.3 + 2.7 * k / (d - 1.0)).ToArray());
        var h = q * lambda * q.Transpose();
        var f = Matrix<double>.Build.Dense(d, d, (_, _) => rng.NextGaussian());
        var c = f * f.Transpose() + Matrix<double>.Build.DenseIdentity(d);
        return (0.5 * (h + h.Transpose()), c);
    }

    [Fact]
    public void ContinuousMatchesTheKroneckerSolve()
    {
        var (h, c) = Random(3);
        int d = h.RowCount;
        double eta = 0.05; int batch = 4;
        var sigma = Lyapunov.Solve(h, c, eta, batch, LyapunovForm.Continuous);
        var id = Matrix<double>.Build.DenseIdentity(d);
        // (I ⊗ H + H ⊗ I) vec Σ = (η/B) vec C, column-major vec.
        var a = id.KroneckerProduct(h) + h.KroneckerProduct(id);
        var vec = a.Solve(Vector<double>.Build.DenseOfArray((c * (eta / batch)).ToColumnMajorArray()));
        var direct = Matrix<double>.Build.DenseOfColumnMajor(d, d, vec.ToArray());
        Assert.True((sigma - direct).FrobeniusNorm() < 1e-12 * direct.FrobeniusNorm());
        var residual = h * sigma + sigma * h - c * (eta / batch);
        Assert.True(residual.FrobeniusNorm() < 1e-12 * c.FrobeniusNorm());
    }

    [Fact]
    public void DiscreteMatchesTheIteratedRecursion()
    {
        var (h, c) = Random(5);
        int d = h.RowCount;
        double eta = 0.2; int batch = 2;
        var sigma = Lyapunov.Solve(h, c, eta, batch, LyapunovForm.Discrete);
        var step = Matrix<double>.Build.DenseIdentity(d) - h * eta;
        var iterated = Matrix<double>.Build.Dense(d, d);
        for (int t = 0; t < 3000; t++) iterated = step * iterated * step + c * (eta * eta / batch); // contracts by (1 − 0.06)² per step
        Assert.True((sigma - iterated).FrobeniusNorm() < 1e-10 * iterated.FrobeniusNorm());
    }

    [Fact]
    public void DiscreteTendsToContinuousAsEtaFalls()
    {
        var (h, c) = Random(7);
        double Gap(double eta)
        {
            var dis = Lyapunov.Solve(h, c, eta, 1, LyapunovForm.Discrete);
            var con = Lyapunov.Solve(h, c, eta, 1, LyapunovForm.Continuous);
            return (dis - con).FrobeniusNorm() / con.FrobeniusNorm();
        }
        Assert.True(Gap(1e-4) < 1e-3);
        Assert.True(Gap(1e-3) > 5 * Gap(1e-4)); // O(η λ) relative correction
    }

    [Fact]
    public void FullFormIsTheFixedPointWithTheMinibatchHessianNoise()
    {
        var data = LinearTestData.Regression(3, 3000).Data;
        var loss = MeanSquaredError.Instance;
        var min = Minimizer.Minimize(data, loss);
        var curv = Curvature.At(data, loss, min.Weights);
        var noise = HessianNoise.At(data, loss, min.Weights, curv.Hessian);
        double eta = 0.05; int batch = 2;
        var sigma = Lyapunov.SolveWithHessianNoise(curv.Hessian, curv.GradientCovariance, noise, eta, batch);
        var step = Matrix<double>.Build.DenseIdentity(3) - curv.Hessian * eta;
        var rhs = step * sigma * step + (curv.GradientCovariance + noise.Apply(sigma)) * (eta * eta / batch);
        Assert.True((sigma - rhs).FrobeniusNorm() < 1e-10 * sigma.FrobeniusNorm());
        // M(Σ) is the per-sample Hessian spread: (1/n) Σ ℓ″² (xᵀΣx) xxᵀ − HΣH, checked by a direct sum.
        var direct = Matrix<double>.Build.Dense(3, 3);
        for (int i = 0; i < data.Count; i++)
        {
            var x = Vector<double>.Build.DenseOfArray(data.Row(i).ToArray());
            direct += x.OuterProduct(x) * (4 * x.DotProduct(sigma * x) / data.Count);
        }
        direct -= curv.Hessian * sigma * curv.Hessian;
        Assert.True((noise.Apply(sigma) - direct).FrobeniusNorm() < 1e-10 * direct.FrobeniusNorm());
        // and it makes the state wider than the additive-noise discrete solution
        var plain = Lyapunov.Solve(curv.Hessian, curv.GradientCovariance, eta, batch, LyapunovForm.Discrete);
        Assert.True(sigma.Trace() > plain.Trace());
    }

    [Fact]
    public void FlatOrDivergentDirectionsAreClearErrors()
    {
        var flat = Matrix<double>.Build.DenseOfDiagonalArray(new[] { 1.0, 0.0 });
        var c = Matrix<double>.Build.DenseIdentity(2);
        Assert.Contains("not positive definite", Assert.Throws<KelvinException>(() => Lyapunov.Solve(flat, c, 0.1, 1, LyapunovForm.Discrete)).Message);
        var steep = Matrix<double>.Build.DenseOfDiagonalArray(new[] { 1.0, 30.0 });
        Assert.Contains("diverges", Assert.Throws<KelvinException>(() => Lyapunov.Solve(steep, c, 0.1, 1, LyapunovForm.Discrete)).Message);
        Assert.Throws<KelvinException>(() => Lyapunov.Solve(steep, c, 0, 1, LyapunovForm.Continuous));
        Assert.Throws<KelvinException>(() => Lyapunov.Solve(steep, c, 0.01, 0, LyapunovForm.Continuous));
    }
}
