using AdvCam.Core.Tests.Plugins;

namespace AdvCam.Core.Tests.Running;

/// <summary>
/// Plugins for the runner's tests, compiled with Roslyn into one assembly: well-behaved ones, and ones that fail in one
/// particular way each (throw, NaN, wrong shape, dtype or range, change their input, refuse parameters).
/// </summary>
internal static class RunnerPlugins
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using AdvCam.Abstractions;
        using AdvCam.Torch;

        public abstract class TestPerturbation : PluginBase, IImagePerturbation
        {
            protected TestPerturbation(string name, params PluginParameter[] parameters) : base(name, "test perturbation " + name, parameters) { }
            public IReadOnlyList<Severity> Severities(int imageSize) =>
                new[] { new Severity(1, "mild", ("amount", 0.25)), new Severity(2, "strong", ("amount", 0.5)) };
            public abstract Tensor Apply(Tensor images, Severity severity, long seed);
        }

        public sealed class Darken : TestPerturbation
        {
            public Darken() : base("darken", new PluginParameter("factor", "multiplies the amount", "1", PluginValueKind.Real)) { }
            protected override void Validate()
            {
                if (GetReal("factor") < 0 || GetReal("factor") > 2) throw InvalidValue("factor", "must be in [0, 2]");
            }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => images * (1 - severity["amount"] * GetReal("factor"));
        }

        public sealed class Throws : TestPerturbation
        {
            public Throws() : base("throws") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) =>
                throw new InvalidOperationException("no licence for the frobnicator");
        }

        public sealed class NaNOnShortBatch : TestPerturbation
        {
            public NaNOnShortBatch() : base("nan-short") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => images.size(0) == 32 ? images.clone() : images * double.NaN;
        }

        public sealed class NaNWhenStrong : TestPerturbation
        {
            public NaNWhenStrong() : base("nan-strong") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => severity.Level == 2 ? images * double.NaN : images.clone();
        }

        public sealed class WrongShape : TestPerturbation
        {
            public WrongShape() : base("wrong-shape") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => images.narrow(3, 0, images.size(3) - 1).contiguous();
        }

        public sealed class OutOfRange : TestPerturbation
        {
            public OutOfRange() : base("out-of-range") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => images + 1.5;
        }

        public sealed class WrongDtype : TestPerturbation
        {
            public WrongDtype() : base("wrong-dtype") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed) => images.to(ScalarType.Float64);
        }

        public sealed class InPlace : TestPerturbation
        {
            public InPlace() : base("in-place") { }
            public override Tensor Apply(Tensor images, Severity severity, long seed)
            {
                images.mul_(0.5);
                return images.clone();
            }
        }

        public sealed class SeedLog : TestPerturbation
        {
            public SeedLog() : base("seed-log", new PluginParameter("log", "a file each call appends 'level seed' to", "", PluginValueKind.Text)) { }
            public override Tensor Apply(Tensor images, Severity severity, long seed)
            {
                if (GetText("log").Length > 0) File.AppendAllText(GetText("log"), severity.Level + " " + seed + "\n");
                return images.clone();
            }
        }

        public abstract class TestModelPerturbation : PluginBase, IModelPerturbation
        {
            protected TestModelPerturbation(string name) : base(name, "test model perturbation " + name) { }
            public IReadOnlyList<Severity> Severities(int imageSize) => new[] { new Severity(1, "only") };
            public abstract Tensor Logits(ICamClassifier model, Tensor images, Tensor labels, Severity severity, long seed);
        }

        public sealed class ModelIdentity : TestModelPerturbation
        {
            public ModelIdentity() : base("model-identity") { }
            public override Tensor Logits(ICamClassifier model, Tensor images, Tensor labels, Severity severity, long seed)
            {
                if (labels.dim() != 1 || labels.size(0) != images.size(0) || labels.dtype != ScalarType.Int64)
                    throw new ArgumentException("labels must be int64 [N]");
                if (images.min().item<float>() < 0 || images.max().item<float>() > 1) throw new ArgumentException("images must be in [0, 1]");
                return model.forward(images);
            }
        }

        public sealed class ModelNaN : TestModelPerturbation
        {
            public ModelNaN() : base("model-nan") { }
            public override Tensor Logits(ICamClassifier model, Tensor images, Tensor labels, Severity severity, long seed) =>
                model.forward(images) * double.NaN;
        }

        public sealed class DefenseIdentity : PluginBase, IInferenceDefense
        {
            public DefenseIdentity() : base("defense-identity", "test defense that changes nothing") { }
            public Tensor Logits(ICamClassifier model, Tensor images) => model.forward(images);
        }

        public sealed class DefenseThrows : PluginBase, IInferenceDefense
        {
            public DefenseThrows() : base("defense-throws", "test defense that throws") { }
            public Tensor Logits(ICamClassifier model, Tensor images) => throw new NotSupportedException("the crop window is larger than the image");
        }

        public abstract class ConstantAttribution : PluginBase, IAttribution
        {
            private readonly double value;
            protected ConstantAttribution(string name, double value) : base(name, "test attribution " + name) { this.value = value; }
            public Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes)
            {
                long n = images.size(0), k = model.num_classes;
                var flags = new float[n * k];
                for (var i = 0; i < n; i++)
                    foreach (var c in classes[i]) flags[i * k + c] = (float)value;
                using (var f = torch.tensor(flags, new long[] { n, k, 1, 1 }, images.device))
                using (var e = f.expand(n, k, images.size(2), images.size(3)))
                    return e.contiguous();
            }
        }

        public sealed class HalfCam : ConstantAttribution { public HalfCam() : base("half-cam", 0.5) { } }

        public sealed class TieCam : ConstantAttribution { public TieCam() : base("tie-cam", 0.25) { } }

        public sealed class HalfCamAndDarken : PluginBase, IImagePerturbation, IAttribution
        {
            private readonly HalfCam cam = new HalfCam();
            private readonly Darken darken = new Darken();
            public HalfCamAndDarken() : base("half-cam-darken", "test plugin of two kinds") { }
            public IReadOnlyList<Severity> Severities(int imageSize) => darken.Severities(imageSize);
            public Tensor Apply(Tensor images, Severity severity, long seed) => darken.Apply(images, severity, seed);
            public Tensor Explain(ICamClassifier model, Tensor images, IReadOnlyList<int[]> classes) => cam.Explain(model, images, classes);
        }

        public abstract class ConstantSegmenter : PluginBase, ISegmenter
        {
            private readonly long label;
            private readonly ScalarType type;
            protected ConstantSegmenter(string name, long label, ScalarType type) : base(name, "test segmenter " + name)
            {
                this.label = label;
                this.type = type;
            }
            public Tensor Segment(ICamClassifier classifier, Tensor images, IReadOnlyList<int[]> classes) =>
                torch.full(new long[] { images.size(0), images.size(2), images.size(3) }, label, type, images.device);
        }

        public sealed class BackgroundSegmenter : ConstantSegmenter { public BackgroundSegmenter() : base("background-seg", 0, ScalarType.Int64) { } }

        public sealed class BadLabelSegmenter : ConstantSegmenter { public BadLabelSegmenter() : base("bad-label-seg", 11, ScalarType.Int64) { } }

        public sealed class Int32Segmenter : ConstantSegmenter { public Int32Segmenter() : base("int32-seg", 0, ScalarType.Int32) { } }
        """;

    private static readonly Lazy<string> CompiledFolder = new(() =>
    {
        var folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "runner-test-plugins");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        TestAssemblies.CompileTo(Path.Combine(folder, "RunnerTestPlugins", "RunnerTestPlugins.dll"), TestAssemblies.Host, Source);
        return folder;
    });

    /// <summary>The plugin folder holding the compiled assembly (compiled on first use, once per test run).</summary>
    public static string Folder => CompiledFolder.Value;
}
