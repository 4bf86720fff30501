using Kelvin.Randomness;
using Kelvin.Trajectories;

namespace Kelvin.Tests.Trajectories;

public class LossChangeAllocationTests
{
    private static readonly LayerSlice[] TwoLayers = [new("dense1", 0, 3, 2), new("dense2", 3, 2, 2)];

    private static QuadraticPotential Coupled()
    {
        // a dense positive definite H that couples the two layers
        double[,] h = { { 3, 1, 0.5, 0.2, 0 }, { 1, 2, 0.3, 0, 0.1 }, { 0.5, 0.3, 4, 1, 0.2 }, { 0.2, 0, 1, 2.5, 0.4 }, { 0, 0.1, 0.2, 0.4, 1.5 } };
        return new QuadraticPotential(h, [0.3, -0.2, 0.1, 0.5, -0.4], TwoLayers, offset: 1.0);
    }

    [Fact]
    public void SimpsonIsExactOnAQuadraticInOnePiece()
    {
        var u = Coupled();
        var allocator = new LossChangeAllocator(u);
        double[] a = [1, 2, -1, 0.5, 3], b = [0.2, 1.1, -0.3, 0.9, 1];
        var seg = allocator.Allocate(allocator.Evaluate(a), allocator.Evaluate(b));
        // exact: the gradient is linear, its path average is the gradient at the midpoint
        var mid = a.Zip(b, (x, y) => 0.5 * (x + y)).ToArray();
        var g = new double[5];
        u.Evaluate(mid, g);
        double exact1 = Enumerable.Range(0, 3).Sum(j => g[j] * (b[j] - a[j]));
        double exact2 = Enumerable.Range(3, 2).Sum(j => g[j] * (b[j] - a[j]));
        Assert.Equal(1, seg.Pieces);
        Assert.Equal(exact1, seg.LayerChanges[0], 1e-12);
        Assert.Equal(exact2, seg.LayerChanges[1], 1e-12);
        Assert.True(seg.Residual <= 1e-12 * Math.Abs(seg.EnergyChange), $"residual {seg.Residual}");
    }

    [Fact]
    public void TrapezoidIsExactOnAQuadraticFromTheEndPointsAlone()
    {
        var u = Coupled();
        var simpson = new LossChangeAllocator(u);
        var trapezoid = new LossChangeAllocator(u, rule: AllocationRule.Trapezoid);
        double[] a = [1, 2, -1, 0.5, 3], b = [0.2, 1.1, -0.3, 0.9, 1];
        var exact = simpson.Allocate(simpson.Evaluate(a), simpson.Evaluate(b));
        var seg = trapezoid.Allocate(trapezoid.Evaluate(a), trapezoid.Evaluate(b));
        Assert.Equal(2, trapezoid.Evaluations);   // no midpoint
        Assert.Equal(3, simpson.Evaluations);
        Assert.Equal(1, seg.Pieces);
        Assert.Equal(exact.LayerChanges[0], seg.LayerChanges[0], 1e-12);
        Assert.Equal(exact.LayerChanges[1], seg.LayerChanges[1], 1e-12);
    }

    [Fact]
    public void TrapezoidFallsBackToSimpsonWhereItMissesTheTolerance()
    {
        var layers = new[] { new LayerSlice("a", 0, 2), new LayerSlice("b", 2, 2) };
        var tolerance = new AllocationTolerance(1e-6, 0, 12);
        var potential = new ExponentialPotential(layers, 4);
        var trapezoid = new LossChangeAllocator(potential, tolerance, AllocationRule.Trapezoid);
        var simpson = new LossChangeAllocator(potential, tolerance);
        double[] a = [2, -1, 0.5, 3], b = [-1, 2, 1.5, -2];
        var seg = trapezoid.Allocate(trapezoid.Evaluate(a), trapezoid.Evaluate(b));
        var reference = simpson.Allocate(simpson.Evaluate(a), simpson.Evaluate(b));
        Assert.True(trapezoid.Evaluations > 2);
        Assert.True(seg.Residual <= 1e-6 * Math.Abs(seg.EnergyChange), $"residual {seg.Residual}");
        Assert.Equal(reference.LayerChanges[0], seg.LayerChanges[0], 1e-12);
        Assert.Equal(reference.LayerChanges[1], seg.LayerChanges[1], 1e-12);
    }

    [Fact]
    public void FirstOrderAllocationWouldMissWhatSimpsonGets()
    {
        var u = Coupled();
        var allocator = new LossChangeAllocator(u);
        double[] a = [1, 2, -1, 0.5, 3], b = [0.2, 1.1, -0.3, 0.9, 1];
        var pa = allocator.Evaluate(a);
        var pb = allocator.Evaluate(b);
        double firstOrder = Enumerable.Range(0, 5).Sum(j => pa.Gradient[j] * (b[j] - a[j]));
        double change = pb.Energy - pa.Energy;
        Assert.True(Math.Abs(firstOrder - change) > 0.1 * Math.Abs(change));
        Assert.Equal(change, allocator.Allocate(pa, pb).Allocated, 1e-12);
    }

    [Fact]
    public void NonQuadraticSegmentsAreSplitUntilTheResidualIsSmall()
    {
        var layers = new[] { new LayerSlice("a", 0, 2), new LayerSlice("b", 2, 2) };
        var allocator = new LossChangeAllocator(new ExponentialPotential(layers, 4), new AllocationTolerance(1e-6, 0, 12));
        var seg = allocator.Allocate(allocator.Evaluate([2, -1, 0.5, 3]), allocator.Evaluate([-1, 2, 1.5, -2]));
        Assert.True(seg.Pieces > 1);
        Assert.True(seg.Residual <= 1e-6 * Math.Abs(seg.EnergyChange), $"residual {seg.Residual}");
        // each layer's share converges to its exact path integral: ∫ e^θ dθ = e^b − e^a per coordinate
        Assert.Equal(Math.Exp(-1) - Math.Exp(2) + Math.Exp(2) - Math.Exp(-1), seg.LayerChanges[0], 1e-5);
        Assert.Equal(Math.Exp(1.5) - Math.Exp(0.5) + Math.Exp(-2) - Math.Exp(3), seg.LayerChanges[1], 1e-5);
    }

    [Fact]
    public void RecordedAllocationsAddUpToTheEnergyChange()
    {
        var u = Coupled();
        var recorder = new TrajectoryRecorder(u);
        var rng = new Rng(9);
        var theta = new double[] { 1, 2, -1, 0.5, 3 };
        var g = new double[5];
        for (int step = 0; step <= 50; step++)
        {
            if (step % 5 == 0) recorder.Record(step, theta);
            u.Evaluate(theta, g);
            for (int j = 0; j < 5; j++) theta[j] -= 0.1 * g[j] + 0.05 * rng.NextGaussian();   // noisy "SGD"
        }
        var first = recorder.Checkpoints[0];
        var last = recorder.Checkpoints[^1];
        Assert.Equal(last.Energy - first.Energy, last.CumulativeAllocation.Sum(), 1e-10);
        var run = new RecordedTraining([recorder]);
        Assert.True(run.AllocationResidual < 1e-10);
        Assert.Equal([2, 2], last.LayerWeights.Select(w => w.Length));   // the bias of dense1 carries no entropy
    }

    [Fact]
    public void ANonFiniteEnergyNamesTheStep()
    {
        var recorder = new TrajectoryRecorder(Coupled());
        recorder.Record(0, [1, 2, -1, 0.5, 3]);
        var e = Assert.Throws<KelvinException>(() => recorder.Record(10, [double.NaN, 2, -1, 0.5, 3]));
        Assert.Contains("step 10", e.Message);
    }
}
