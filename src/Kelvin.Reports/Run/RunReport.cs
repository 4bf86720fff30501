using Kelvin.Engines;
using Kelvin.Reports;
using Kelvin.Thermodynamics;
using Kelvin.Trajectories;
using static Kelvin.Reports.ReportFormat;

namespace Kelvin.Run;

/// <summary>
/// The report of a run: <see cref="Document"/> builds the sections (calibration, linear theory,
/// networks, shift and refresh, heat engines, what this means) with tables formatted by
/// <see cref="ReportFormat"/>; <see cref="Write"/> puts report.md, report.html, report.json and the
/// figures into a <see cref="ReportFolder"/>'s staging folder (the caller publishes it).
/// </summary>
public static class RunReport
{
    /// <summary>The report's file names.</summary>
    public const string Markdown = "report.md", Html = "report.html", Json = "report.json";

    /// <summary>Headings, in report order (tests look tables up by them).</summary>
    public const string CalibrationHeading = "1. Calibration", LinearHeading = "2. Linear theory: T_I analytic vs simulated",
        NetworksHeading = "3. Networks: the training transition", ShiftHeading = "4. Data shift and refresh",
        EnginesHeading = "5. Heat engines", MeaningHeading = "6. What this means";

    /// <summary>Opens the report folder <paramref name="target"/> (<see cref="ReportFolder.Open"/>: a
    /// one-line error when it cannot be written, when it holds anything Kelvin did not write there, so
    /// `--out .` never deletes a user's files, or when another run is writing it).</summary>
    public static ReportFolder Open(string target) => ReportFolder.Open(target, [Markdown, Html, Json, .. RunFigures.All]);

    /// <summary>Writes every file of the report into <paramref name="folder"/>'s staging folder.</summary>
    public static IReadOnlyList<string> Write(RunResult r, ReportFolder folder)
    {
        RunFigures.Write(r, folder.Staging);
        var doc = Document(r);
        File.WriteAllText(folder.PathOf(Json), RunJson.Write(r));
        File.WriteAllText(folder.PathOf(Markdown), MarkdownReportWriter.Write(doc));
        File.WriteAllText(folder.PathOf(Html), HtmlReportWriter.Write(doc, folder.Staging));
        string[] files = [Markdown, Html, Json, .. RunFigures.All];
        // The folder is published only when complete: check before the caller moves it into place.
        if (files.FirstOrDefault(f => !File.Exists(folder.PathOf(f))) is { } missing)
            throw new KelvinException($"the report is incomplete ({missing} was not written); nothing was published");
        return files;
    }

    /// <summary>The report document of <paramref name="r"/>.</summary>
    public static ReportDocument Document(RunResult r)
    {
        var p = r.Request.Profile;
        var doc = new ReportDocument($"Kelvin report: {r.Request.DataName}");
        doc.Section("Run").Paragraph(
            $"kelvin {r.Version}, profile {p.Name}, seed {r.Request.Seed}, data {r.Request.DataName} ({r.Request.Data.Count} samples, " +
            $"{r.Request.Data.FeatureCount} features, {r.TestSamples} held out for the test score). Energies in loss units, entropies in nats, temperatures in loss units per nat; " +
            $"test scores are {(r.Request.Data.Task == Data.TaskKind.Classification ? "accuracies" : "R²")} on the held-out split.");

        var c = r.Calibration;
        var calibrationSection = doc.Section(CalibrationHeading).Paragraph(RunBadge.Line(c)).Table(new ReportTable("quantity", "measured", "expected")
            .Row("T = ΔE/ΔS", Temperature(c.Measured), Number(c.Expected))
            .Row($"E at T = {Number(c.Options.T1)}", Number(c.Cold.Energy), Number(c.Cold.ExpectedEnergy))
            .Row($"E at T = {Number(c.Options.T2)}", Number(c.Hot.Energy), Number(c.Hot.ExpectedEnergy)));
        if (r.AnharmonicCalibration is { } w) calibrationSection.Paragraph(RunBadge.Line(w));

        var lin = new ReportTable("loss", "init", "T_I analytic", "T_I simulated", "SE", "rel. difference", "max |z| of E, S");
        foreach (var cell in r.Linear)
        {
            var s = cell.Comparison.Simulated;
            lin.Row(cell.Loss, cell.Init, Temperature(cell.Comparison.Analytic.Temperature), Temperature(s.Transition.Temperature),
                    Number(s.TemperatureStdErr), Number(cell.Comparison.TemperatureRelativeDifference), Number(cell.Comparison.MaxZ));
        }
        var ls = p.Linear;
        doc.Section(LinearHeading)
            .Paragraph($"Linear model on a teacher with d = {ls.Dimension}, n = {ls.Samples}, signal ‖w*‖²/d = 1, noise s = {Number(ls.Noise)}; " +
                       $"init σ = {Number(ls.Sigma)} (uniform of equal variance, mixed ½·normal + ½·uniform); SGD η = {Number(ls.LearningRate)}, B = {ls.Batch}; " +
                       $"K = {ls.Ensemble} runs × {ls.LateIterates} late iterates. T_I = (E_I − E*)/(S_I − S*).")
            .Table(lin)
            .Figure(RunFigures.LinearAgreement, "Analytic vs simulated T_I for the nine (loss, init) cells (±1 SE).");

        var summary = new ReportTable("network", "architecture", "init", "loss", "test score", "T_I ± SE", "regime", "isothermality (CV of T(t))", "allocation residual");
        foreach (var n in r.Networks)
        {
            var t = n.Experiment.Training;
            summary.Row(n.Activation, n.Architecture, n.Init, n.Loss, Number(n.Experiment.Score), Temperature(t.GlobalEstimate),
                        t.Global.Temperature.Regime.Name(), Number(t.Isothermality), Number(t.AllocationResidual));
        }
        var net = doc.Section(NetworksHeading)
            .Paragraph($"Two MLPs of the same width and depth ({string.Join("-", p.Hidden)} hidden), SGD η = {Number(p.LearningRate)}, B = {p.Batch}, " +
                       $"{p.Epochs} epochs, K = {p.Members} member(s), a checkpoint every {p.CheckpointEvery} steps; layer energies by loss change allocation. " +
                       ViewText(r) + " A layer heated when its entropy rose.")
            .Table(summary);
        foreach (var n in r.Networks) net.Table(LayerTable(n.Activation, n.Experiment.Training));
        net.Figure(RunFigures.TemperatureCurve, "Global temperature T(t) during training (solid) and the refresh after the shift (dashed), with ±1 SE whiskers; the legend gives T_I and T_II ± SE.")
           .Figure(RunFigures.LayerTemperatures, "Local temperature T_l of every layer, ±1 SE: training (Type I) and refresh (Type II).")
           .Figure(RunFigures.EntropyHistograms, "A hidden layer's weights at initialization and after training: the distributions whose entropy change is ΔS_l.");

        var shift = new ReportTable("network", "shift", "score on D1", "score on D2", "score refreshed", "T_II ± SE", "regime", "isothermality (CV of T(t))");
        foreach (var n in r.Networks)
        {
            var x = n.Experiment;
            shift.Row(n.Activation, p.Shift, Number(x.Score), Number(x.ShiftedScore), Number(x.RefreshedScore), Temperature(x.Refresh.GlobalEstimate),
                      x.Refresh.Global.Temperature.Regime.Name(), Number(x.Refresh.Isothermality));
        }
        var sh = doc.Section(ShiftHeading)
            .Paragraph($"A {p.Shift} shift of the data (D1 → D2), then the refresh: training continues on D2 for {p.Epochs} epochs. " +
                       "T_II = (E(Σ1; D2) − E(Σ2; D2)) / (S(Σ1) − S(Σ2)), energies on D2.")
            .Table(shift);
        foreach (var n in r.Networks) sh.Table(LayerTable(n.Activation, n.Experiment.Refresh));

        var eng = new ReportTable("activation", "type", "η(q = 1)", "q_opt", "η(q_opt)", "critical gain", "gain at q_opt");
        foreach (var e in r.Engines)
            eng.Row(e.Activation, e.IsPureConductor ? "A (conductor)" : e.Type.Name(), Number(e.EfficiencyAtUnitQ), Number(e.QOpt), Number(e.EfficiencyAtQOpt),
                    CriticalityText.Critical(e.Criticality, Number), CriticalityText.AtFixedPoint(e.QOptFixedPoint, Number));
        doc.Section(EnginesHeading)
            .Paragraph("Work efficiency η_φ(q) = W(q)/q of each built-in activation at signal level q (Gauss–Hermite). Type A engines are scale-free (η constant), Type B are thermally tuned. " +
                       "The critical gain g_c puts χ = 1 at a fixed point q* > 0 of the length map; \"none (q*→0 limit g)\" means no such fixed point exists and g is only the limit as q* → 0; " +
                       "the gain at q_opt is the weight scale whose fixed point is q_opt.")
            .Table(eng)
            .Paragraph(string.Join(" ", CriticalityText.Reasons(r.Engines).Select(l => l + ".").Append(char.ToUpperInvariant(CriticalityText.StabilityNote[0]) + CriticalityText.StabilityNote[1..])))
            .Figure(RunFigures.EngineEfficiency, "η_φ(q) of the built-in activations (● marks q_opt) and the trained networks' measured layers (open markers).")
            .Paragraph("The trained networks measured as heat engines on the evaluation set of D1: per hidden layer the signal level q_l = mean z², " +
                       "the measured efficiency η_l = W_l/q_l and the mean-field η_φ(q_l); the network's efficiency is Σ W_l / Σ q_l.")
            .Table(MeasuredTable(r));

        doc.Section(MeaningHeading).Paragraph(RunInterpretation.Of(r));
        return doc;
    }

    /// <summary>The entropy view, where the SE comes from and the late window, in words.</summary>
    private static string ViewText(RunResult r)
    {
        var a = r.Networks[0].Experiment.Training;
        var e = a.GlobalEstimate;
        string view = a.View switch
        {
            EntropyView.Ensemble => "Entropies in the ensemble view: S = Σ_j ½ ln(2πe·v_j), v_j the variance of weight j across the K members (their disagreement).",
            EntropyView.Thermal => $"Entropies in the thermal view: the trained state's S = Σ_j ½ ln(2πe·v_j), v_j the variance of weight j over each run's {a.Window.Iterates} late iterates " +
                                   $"(steps {a.Window.FromStep}–{a.Window.ToStep}, thinning {a.Window.Thinning}; the width of its SGD cloud), less the χ² bias of {a.Window.Iterates} iterates per weight, against the initial weights' particle entropy; T(t) in the particle view.",
            _ => "Entropies in the particle view: S_l = n_l·h(the layer's weight values inside each model), averaged over members; its sign says whether training spread the weights wider than their initialization (T < 0 when the loss fell) or drew them in (T > 0).",
        };
        string se = e.Method switch
        {
            UncertaintyMethod.Members => $" Standard errors: delete-one jackknife across the K = {e.Replicates} members.",
            UncertaintyMethod.Bootstrap => $" Standard errors: a bootstrap of the single run ({e.Replicates} replicates resampling each layer's weights; energies on the fixed evaluation set are exact), so they cover the entropy estimate, not seed-to-seed variation.",
            _ => "",
        };
        return view + se + " \"sign not resolved\" marks a T whose ΔE or ΔS has a 95% interval containing 0.";
    }

    /// <summary>The measured engines: a row per hidden layer of each network, then the network's row.</summary>
    private static ReportTable MeasuredTable(RunResult r)
    {
        var table = new ReportTable("network", "layer", "activation", "q_l", "W_l", "η measured", "η_φ(q_l) mean-field", "type");
        foreach (var n in r.Networks)
        {
            foreach (var l in n.Engine.Layers)
                table.Row(n.Activation, l.Name, l.Activation, Number(l.Q), Number(l.Work), Number(l.EtaMeasured), Number(l.EtaMeanField), l.ActivationType.Name());
            table.Row(n.Activation, "network", "", Number(n.Engine.Layers.Sum(l => l.Q)), Number(n.Engine.Layers.Sum(l => l.Work)), Number(n.Engine.Efficiency), "—", n.Engine.Type.Name());
        }
        return table;
    }

    /// <summary>The per-layer table of a transition: a global row, then one row per layer.</summary>
    private static ReportTable LayerTable(string network, TransitionAnalysis a)
    {
        var table = new ReportTable("network", "part", "ΔE (loss)", "ΔS (nats)", "T ± SE (loss/nat)", "regime", "heated");
        var g = a.Global;
        table.Row(network, "global", Number(g.EnergyChange), Number(g.EntropyChange), Temperature(a.GlobalEstimate), g.Temperature.Regime.Name(),
                  g.EntropyChange is double ds ? (ds > 0 ? "yes" : "no") : "—");
        foreach (var l in a.Layers)
            table.Row(network, l.Name, Number(l.EnergyChange), Number(l.EntropyChange), l.Estimate is { } e ? Temperature(e) : Temperature(l.Temperature), l.Temperature.Regime.Name(), l.Heated ? "yes" : "no");
        return table;
    }
}
