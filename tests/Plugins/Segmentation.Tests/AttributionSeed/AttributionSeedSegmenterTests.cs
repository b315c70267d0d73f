using AdvCam.Abstractions;
using AdvCam.Core.Plugins;
using AdvCam.Plugins.Segmentation.AttributionSeed;

namespace AdvCam.Plugins.Segmentation.Tests.AttributionSeed;

public class AttributionSeedSegmenterTests
{
    /// <summary>
    /// One image, 3 channels = 3 classes, 1x6 pixels, each channel's maximum 1, so CAM_c = x_c / (1 + 1e-5). Class 1 is
    /// absent (its high values must not count).
    /// </summary>
    private static readonly float[] Pixels =
    [
        /* class 0 */ 0.10f, 0.20f, 0.30f, 1.00f, 0.60f, 0.60f,
        /* class 1 */ 1.00f, 1.00f, 1.00f, 1.00f, 1.00f, 1.00f,
        /* class 2 */ 0.20f, 0.22f, 0.40f, 0.10f, 0.50f, 1.00f,
    ];

    private static AttributionSeedSegmenter Attached(CatalogPluginHost host, IReadOnlyDictionary<string, string> values)
    {
        var segmenter = new AttributionSeedSegmenter();
        segmenter.Configure(values);
        segmenter.Attach(host);
        return segmenter;
    }

    [Test]
    public void With_cam_it_gives_the_hand_worked_label_map()
    {
        using var scope = torch.NewDisposeScope();
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        using var model = new IdentityCamClassifier(3);
        var segmenter = Attached(host, new Dictionary<string, string> { ["attribution"] = "cam", ["threshold"] = "0.25" });

        var labels = segmenter.Segment(model, torch.tensor(Pixels, [1, 3, 1, 6]), [[0, 2]]);

        // Maps (÷ 1.00001): class 0: .1 .2 .3 1 .6 .6; class 2: .2 .22 .4 .1 .5 1; threshold .25.
        // pixel 0, 1: nothing above .25 -> 0; pixel 2: class 2 (.4) beats class 0 (.3) -> 3; pixel 3: class 0 -> 1;
        // pixel 4: class 0 (.6) beats class 2 (.5) -> 1; pixel 5: class 2 -> 3. Class 1 (all 1) is not present.
        labels.dtype.Should().Be(ScalarType.Int64);
        labels.shape.Should().Equal(1, 1, 6);
        labels.ToArray<long>().Should().Equal(0, 0, 3, 1, 1, 3);

        // A higher threshold: only pixels whose best present map beats .55 stay (pixels 3, 4, 5).
        segmenter.Configure(new Dictionary<string, string> { ["threshold"] = "0.55" });
        segmenter.Attach(host);
        segmenter.Segment(model, torch.tensor(Pixels, [1, 3, 1, 6]), [[0, 2]]).ToArray<long>().Should().Equal(0, 0, 0, 1, 1, 3);
        // No class present: all background.
        segmenter.Segment(model, torch.tensor(Pixels, [1, 3, 1, 6]), [[]]).ToArray<long>().Should().Equal(0, 0, 0, 0, 0, 0);
    }

    [Test]
    public void It_passes_parameters_through_to_the_named_attribution_plugin()
    {
        using var scope = torch.NewDisposeScope();
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        using var model = new IdentityCamClassifier(3);
        var images = torch.tensor(Pixels, [1, 3, 1, 6]);

        // AdvCAM with T = 0, one scale and no flip is CAM: the same seeds.
        var segmenter = Attached(host, new Dictionary<string, string>
        {
            ["attribution"] = "advcam",
            ["attribution_parameters"] = " steps = 0 ; scales=1;flip=false",
        });
        segmenter.Attribution.Should().BeSameAs(catalog.Get("advcam").Plugin);
        catalog.Get("advcam").Plugin.Values["steps"].Should().Be("0");
        catalog.Get("advcam").Plugin.Values["scales"].Should().Be("1");
        catalog.Get("advcam").Plugin.Values["lambda"].Should().Be("7", "parameters not passed keep their defaults");
        segmenter.Segment(model, images, [[0, 2]]).ToArray<long>().Should().Equal(0, 0, 3, 1, 1, 3);

        // A parameter the attribution plugin does not have is refused, naming it and the pass-through parameter.
        segmenter.Configure(new Dictionary<string, string> { ["attribution_parameters"] = "radius=3" });
        var refused = () => segmenter.Attach(host);
        refused.Should().Throw<ArgumentException>().WithMessage("*'advcam'*attribution_parameters*radius*");
    }

    [Test]
    public void A_missing_plugin_or_one_that_is_not_an_attribution_is_refused_by_name()
    {
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        var missing = () => Attached(host, new Dictionary<string, string> { ["attribution"] = "no-such-cam" });
        missing.Should().Throw<ArgumentException>().WithMessage("*parameter 'attribution' names plugin 'no-such-cam', which is not loaded*loaded:*cam*");

        var notAttribution = () => Attached(host, new Dictionary<string, string> { ["attribution"] = "pseudo-label" });
        notAttribution.Should().Throw<ArgumentException>().WithMessage("*'pseudo-label', which is not an attribution plugin*");
        var itself = () => Attached(host, new Dictionary<string, string> { ["attribution"] = "attribution-seed" });
        itself.Should().Throw<ArgumentException>().WithMessage("*'attribution-seed', which is not an attribution plugin*");
    }

    [Test]
    public void Bad_inputs_and_parameters_are_refused_with_messages_naming_them()
    {
        using var scope = torch.NewDisposeScope();
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        using var model = new IdentityCamClassifier(3);
        var images = torch.tensor(Pixels, [1, 3, 1, 6]);

        var unattached = new AttributionSeedSegmenter();
        var noHost = () => unattached.Segment(model, images, [[0]]);
        noHost.Should().Throw<InvalidOperationException>().WithMessage("*not been attached*'cam'*");

        var segmenter = Attached(host, new Dictionary<string, string>());
        var noClassifier = () => segmenter.Segment(null, images, [[0]]);
        noClassifier.Should().Throw<ArgumentException>().WithMessage("*classifier is required*").Which.ParamName.Should().Be("classifier");
        var noClasses = () => segmenter.Segment(model, images, null);
        noClasses.Should().Throw<ArgumentException>().WithMessage("*classes present*required*").Which.ParamName.Should().Be("classes");
        var flat = () => segmenter.Segment(model, images.view(3, 1, 6), [[0]]);
        flat.Should().Throw<ArgumentException>().WithMessage("*images must be [N, C, H, W]*[3, 1, 6]*").Which.ParamName.Should().Be("images");
        var count = () => segmenter.Segment(model, images, [[0], [1]]);
        count.Should().Throw<ArgumentException>().WithMessage("*2 entries for 1 images*");
        var range = () => segmenter.Segment(model, images, [[3]]);
        range.Should().Throw<ArgumentException>().WithMessage("*image 0: class 3 is not a class*0..2*");

        var badList = () => segmenter.Configure(new Dictionary<string, string> { ["attribution_parameters"] = "scales" });
        badList.Should().Throw<ArgumentException>().WithMessage("*attribution_parameters*'scales' has no '='*");
        var badThreshold = () => segmenter.Configure(new Dictionary<string, string> { ["threshold"] = "1.5" });
        badThreshold.Should().Throw<ArgumentException>().WithMessage("*'1.5'*threshold*[0, 1]*");
        var emptyName = () => segmenter.Configure(new Dictionary<string, string> { ["attribution"] = " " });
        emptyName.Should().Throw<ArgumentException>().WithMessage("*attribution*must name*");
    }

    [Test]
    public void Repeated_calls_leave_no_live_tensor_behind()
    {
        using var catalog = TestPlugins.Load();
        using var host = new CatalogPluginHost(catalog);
        using var model = new IdentityCamClassifier(3);
        using var images = torch.tensor(Pixels, [1, 3, 1, 6]);
        var segmenter = Attached(host, new Dictionary<string, string>());
        segmenter.Segment(model, images, [[0, 2]]).Dispose();
        var before = Tensor.LiveCount;
        for (var i = 0; i < 3; i++) segmenter.Segment(model, images, [[0, 2]]).Dispose();
        Tensor.LiveCount.Should().Be(before);
    }
}
