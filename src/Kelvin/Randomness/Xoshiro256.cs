using System.Runtime.CompilerServices;

namespace Kelvin.Randomness;

/// <summary>
/// The state of xoshiro256** (Blackman &amp; Vigna), seeded through SplitMix64: the generator behind
/// <see cref="Rng"/>, as a value, for hot loops that need many short-lived streams without an
/// allocation each (e.g. the dequantization of every tie in a sample). Same seed and stream, same
/// numbers as <see cref="Rng"/>.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Stream <paramref name="stream"/> of <paramref name="seed"/>: s₀..s₃ are four SplitMix64
    /// outputs from seed ⊕ (φ·2⁶⁴ · (stream + 1)), the first output mixed with the stream.</summary>
    public Xoshiro256(ulong seed, ulong stream)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        x = SplitMix(ref x) ^ stream;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    /// <summary>A key for child streams, a function of the state that does not advance it.</summary>
    public readonly ulong Key => _s0 ^ Rotl(_s1, 17) ^ Rotl(_s2, 31) ^ Rotl(_s3, 47);

    /// <summary>64 uniformly random bits: rotl(s₁·5, 7)·9, then the xoshiro256 state transition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = Rotl(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Rotl(_s3, 45);
        return result;
    }

    /// <summary>Uniform on the open interval (0, 1): ((bits ≫ 12) + ½) · 2⁻⁵².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => OpenUnit(NextUInt64());

    /// <summary>((<paramref name="bits"/> ≫ 12) + ½) · 2⁻⁵², in (0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpenUnit(ulong bits) => ((bits >> 12) + 0.5) * (1.0 / (1UL << 52));

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // five per seeding: inlined, the four state words mix in parallel
    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
}
