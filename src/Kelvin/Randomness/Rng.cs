using System.Runtime.CompilerServices;

namespace Kelvin.Randomness;

/// <summary>
/// A seeded pseudo-random generator (xoshiro256**, seeded through SplitMix64). Every random draw in
/// Kelvin comes from one of these, created from an explicit seed. Parallel work never shares a
/// generator: each unit of work (ensemble member k, layer l, …) takes its own stream with
/// <see cref="Stream(ulong, ulong)"/> or <see cref="Split(ulong)"/>, so results do not depend on how
/// many threads run it or in which order.
/// </summary>
public sealed class Rng
{
    private Xoshiro256 _state;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>A generator for <paramref name="seed"/>; stream 0.</summary>
    public Rng(ulong seed) : this(seed, 0) { }

    /// <summary>The generator of stream <paramref name="stream"/> under <paramref name="seed"/>:
    /// streams of one seed are statistically independent.</summary>
    public Rng(ulong seed, ulong stream) => _state = new Xoshiro256(seed, stream);

    /// <summary>Stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static Rng Stream(ulong seed, ulong stream) => new(seed, stream);

    /// <summary>A child generator, independent of this one, determined by this generator's seed path
    /// and <paramref name="index"/> only (it does not advance this generator).</summary>
    public Rng Split(ulong index) => new(_state.Key, index);

    /// <summary>64 uniformly random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _state.NextUInt64();

    /// <summary>Uniform on [0, 1), 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on the open interval (0, 1): safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => Xoshiro256.OpenUnit(NextUInt64());

    /// <summary>Uniform on [lower, upper).</summary>
    public double NextUniform(double lower, double upper) => lower + (upper - lower) * NextDouble();

    /// <summary>Standard normal N(0, 1) by the Marsaglia polar method (pairs; the second is kept).</summary>
    public double NextGaussian()
    {
        if (_hasSpare) { _hasSpare = false; return _spareGaussian; }
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Uniform integer in [0, n), without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong bound = (ulong)n;
        UInt128 m = (UInt128)NextUInt64() * bound;
        ulong low = (ulong)m;
        if (low < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                m = (UInt128)NextUInt64() * bound;
                low = (ulong)m;
            }
        }
        return (int)(m >> 64);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n−1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }
}
