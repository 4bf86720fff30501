using System.Collections.Concurrent;
using MathNet.Numerics.LinearAlgebra;

namespace Kelvin.Engines;

/// <summary>
/// The n-point Gauss–Hermite rule for the probabilists' weight: E[f(ξ)] ≈ Σᵢ wᵢ f(xᵢ), ξ ~ N(0, 1),
/// exact for polynomials of degree ≤ 2n − 1, with Σ wᵢ = 1.
/// Built by Golub–Welsch: the nodes are the eigenvalues of the Jacobi matrix of the monic recurrence
/// He_{k+1}(x) = x·He_k(x) − k·He_{k−1}(x) (zero diagonal, off-diagonal √k), computed with MathNet's
/// symmetric eigen-decomposition, then polished by one Newton step on the orthonormal polynomial pₙ.
/// The weights are the Christoffel numbers wᵢ = 1 / Σ_{k&lt;n} p_k(xᵢ)² (p_k = He_k/√k!), which keep
/// full relative accuracy for the tiny weights at the tails (eigenvector components do not).
/// Rules are cached by size.
/// </summary>
public sealed class GaussHermiteRule
{
    /// <summary>The largest rule built: beyond it the orthonormal polynomials overflow at the outer nodes.</summary>
    public const int MaxSize = 256;

    private static readonly ConcurrentDictionary<int, GaussHermiteRule> Cache = new();
    private readonly double[] _nodes;
    private readonly double[] _weights;

    private GaussHermiteRule(double[] nodes, double[] weights) { _nodes = nodes; _weights = weights; }

    /// <summary>Number of nodes n.</summary>
    public int Size => _nodes.Length;

    /// <summary>Nodes xᵢ in increasing order (symmetric about 0).</summary>
    public IReadOnlyList<double> Nodes => _nodes;

    /// <summary>Weights wᵢ (positive, summing to 1).</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The n-point rule, built once and cached.</summary>
    /// <exception cref="KelvinException">for n outside 1…<see cref="MaxSize"/>.</exception>
    public static GaussHermiteRule Of(int n)
    {
        if (n < 1 || n > MaxSize) throw new KelvinException($"Gauss–Hermite rule size must be in 1…{MaxSize} (got {n})");
        return Cache.GetOrAdd(n, Build);
    }

    /// <summary>Σᵢ wᵢ f(xᵢ) ≈ E[f(ξ)], summed in node order (deterministic).</summary>
    public double Expectation(Func<double, double> f) => Expectation(f, out _);

    /// <summary>Σᵢ wᵢ f(xᵢ), also giving the absolute mass Σᵢ wᵢ |f(xᵢ)| ≈ E|f(ξ)| (the scale of the sum).</summary>
    public double Expectation(Func<double, double> f, out double absoluteMass)
    {
        double sum = 0, mass = 0;
        for (int i = 0; i < _nodes.Length; i++)
        {
            double v = _weights[i] * f(_nodes[i]);
            sum += v;
            mass += Math.Abs(v);
        }
        absoluteMass = mass;
        return sum;
    }

    private static GaussHermiteRule Build(int n)
    {
        if (n == 1) return new GaussHermiteRule([0.0], [1.0]);
        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int k = 1; k < n; k++) jacobi[k - 1, k] = jacobi[k, k - 1] = Math.Sqrt(k);
        var evd = jacobi.Evd(Symmetricity.Symmetric);
        double[] x = evd.EigenValues.Select(c => c.Real).Order().ToArray();

        // Exact symmetry x_i = −x_{n−1−i}, then a Newton step xᵢ ← xᵢ − pₙ/pₙ′ with pₙ′ = √n·pₙ₋₁.
        for (int i = 0; i < n / 2; i++) { double s = 0.5 * (x[n - 1 - i] - x[i]); x[i] = -s; x[n - 1 - i] = s; }
        if (n % 2 == 1) x[n / 2] = 0;
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            (double pn, double pnm1, _) = Orthonormal(n, x[i]);
            if (pnm1 != 0) x[i] -= pn / (Math.Sqrt(n) * pnm1);
        }
        for (int i = 0; i < n; i++) w[i] = 1 / Orthonormal(n, x[i]).SumOfSquares;
        for (int i = 0; i < n / 2; i++) { double s = 0.5 * (w[i] + w[n - 1 - i]); w[i] = w[n - 1 - i] = s; }
        double total = 0;
        foreach (double v in w) total += v;
        for (int i = 0; i < n; i++) w[i] /= total;
        return new GaussHermiteRule(x, w);
    }

    /// <summary>pₙ(x), pₙ₋₁(x) and Σ_{k&lt;n} p_k(x)² for the orthonormal Hermite polynomials
    /// p₀ = 1, p₁ = x, p_{k+1} = (x·p_k − √k·p_{k−1}) / √(k+1).</summary>
    private static (double Pn, double Pnm1, double SumOfSquares) Orthonormal(int n, double x)
    {
        double prev = 0, cur = 1, sum = 0;
        for (int k = 0; k < n; k++)
        {
            sum += cur * cur;
            double next = (x * cur - Math.Sqrt(k) * prev) / Math.Sqrt(k + 1);
            prev = cur;
            cur = next;
        }
        return (cur, prev, sum);
    }
}
