using Kelvin.Networks.Kernels;
using Kelvin.Randomness;

namespace Kelvin.Tests.Networks;

public class GemmTests
{
    private static float[] Random(int length, ulong stream)
    {
        var rng = new Rng(42, stream);
        var x = new float[length];
        for (int i = 0; i < length; i++) x[i] = (float)rng.NextGaussian();
        return x;
    }

    /// <summary>op(A)·op(B) (+ C) in double precision, with the sum of |terms| for an error bound.</summary>
    private static (double[] Value, double[] Scale) Reference(float[] a, bool ta, float[] b, bool tb, float[]? c, int m, int n, int k)
    {
        var v = new double[m * n];
        var s = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = c is null ? 0 : c[i * n + j], abs = c is null ? 0 : Math.Abs(c[i * n + j]);
                for (int p = 0; p < k; p++)
                {
                    double x = ta ? a[p * m + i] : a[i * k + p];
                    double y = tb ? b[j * k + p] : b[p * n + j];
                    sum += x * y; abs += Math.Abs(x * y);
                }
                v[i * n + j] = sum; s[i * n + j] = abs;
            }
        return (v, s);
    }

    public static TheoryData<int, int, int, bool, bool, bool> Shapes()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        int[][] shapes = [[1, 1, 1], [5, 7, 3], [6, 16, 8], [7, 17, 9], [13, 33, 257], [97, 100, 300], [200, 260, 513], [31, 10, 128], [1, 300, 5], [300, 1, 7], [12, 32, 8], [25, 65, 260], [13, 31, 17]];
        foreach (var s in shapes)
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                    data.Add(s[0], s[1], s[2], ta, tb, (s[0] + s[1] + s[2]) % 2 == 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesDoublePrecisionReference(int m, int n, int k, bool ta, bool tb, bool accumulate)
    {
        var a = Random(m * k, 1);
        var b = Random(k * n, 2);
        var c = Random(m * n, 3);
        var (expected, scale) = Reference(a, ta, b, tb, accumulate ? c : null, m, n, k);
        float[]? previous = null;
        // The machine's best kernel (AVX-512 12×32 where present), the AVX2 6×16 one, the portable one.
        foreach (var (avx2, portable) in new[] { (false, false), (true, false), (false, true) })
        {
            var result = (float[])c.Clone();
            Gemm.ForceAvx2 = avx2; Gemm.ForcePortable = portable;
            string kernel = Gemm.KernelName;
            try { Gemm.Multiply(a, ta, b, tb, result, m, n, k, accumulate); }
            finally { Gemm.ForcePortable = false; Gemm.ForceAvx2 = false; }
            for (int i = 0; i < m * n; i++)
            {
                double tolerance = 2 * (k + 2) * 6e-8 * scale[i] + 1e-30;
                Assert.True(Math.Abs(result[i] - expected[i]) <= tolerance,
                    $"C[{i / n},{i % n}] = {result[i]}, expected {expected[i]} ({kernel})");
            }
            // Every kernel rounds each fused multiply-add once, in the same order: same bits.
            if (previous is not null) Assert.Equal(previous, result);
            previous = result;
        }
    }

    [Theory]
    [InlineData(300, 520, 700, false, false)]
    [InlineData(257, 300, 530, true, false)]
    [InlineData(190, 400, 300, false, true)]
    [InlineData(128, 1000, 260, false, true)]
    public void BitIdenticalOnAnyThreadCount(int m, int n, int k, bool ta, bool tb)
    {
        var a = Random(m * k, 4);
        var b = Random(k * n, 5);
        var one = new float[m * n];
        var many = new float[m * n];
        Gemm.Multiply(a, ta, b, tb, one, m, n, k, parallel: new ParallelOptions { MaxDegreeOfParallelism = 1 });
        Gemm.Multiply(a, ta, b, tb, many, m, n, k, parallel: new ParallelOptions { MaxDegreeOfParallelism = 8 });
        Assert.Equal(one, many);
    }

    /// <summary>Pins the k-sum order that makes results thread-independent: each element is, for each
    /// depth block of 256 in k order, a chain of fused multiply-adds from zero, added to C (the first
    /// block replaces C unless accumulating). Checked bit for bit on 1, 2 and 8 threads, with an odd
    /// number of blocks and a short last one (the packed-B buffers alternate per block).</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void EveryElementSumsItsDepthBlocksInOrderOnAnyThreadCount(bool transposeB, bool accumulate)
    {
        const int m = 40, n = 70, k = 600, block = 256;
        var a = Random(m * k, 8);
        var b = Random(k * n, 9);
        var start = Random(m * n, 10);
        var expected = new float[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float c = start[i * n + j];
                for (int p0 = 0; p0 < k; p0 += block)
                {
                    float s = 0;
                    for (int p = p0; p < Math.Min(k, p0 + block); p++)
                        s = MathF.FusedMultiplyAdd(a[i * k + p], transposeB ? b[j * k + p] : b[p * n + j], s);
                    c = p0 == 0 && !accumulate ? s : c + s;
                }
                expected[i * n + j] = c;
            }
        foreach (int threads in new[] { 1, 2, 8 })
        {
            var c = (float[])start.Clone();
            Gemm.Multiply(a, false, b, transposeB, c, m, n, k, accumulate, new ParallelOptions { MaxDegreeOfParallelism = threads });
            Assert.Equal(expected, c);
        }
    }

    [Fact]
    public void TheWidestKernelTheCpuHasIsTheDefault()
    {
        string expected = System.Runtime.Intrinsics.X86.Avx512F.IsSupported && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "avx512 12x32"
            : System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "avx2 6x16" : "portable 6x16";
        Assert.Equal(expected, Gemm.KernelName);
        Gemm.ForceAvx2 = true;
        try { Assert.NotEqual("avx512 12x32", Gemm.KernelName); }
        finally { Gemm.ForceAvx2 = false; }
    }

    [Fact]
    public void ZeroDepthClearsOrKeeps()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply([], false, [], false, c, 2, 2, 0, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, c);
        Gemm.Multiply([], false, [], false, c, 2, 2, 0);
        Assert.Equal(new float[4], c);
    }
}
