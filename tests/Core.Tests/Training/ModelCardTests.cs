using AdvCam.Core.Training;

namespace AdvCam.Core.Tests.Training;

public class ModelCardTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("advcam-card-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Model => Path.Combine(folder, "model.safetensors");

    private void WriteCard(string json) => File.WriteAllText(Path.Combine(folder, Trainer.CardFile), json);

    [Test]
    public void A_recorded_metric_is_read_from_the_card_beside_the_model()
    {
        WriteCard("""{"task": "fashion-mnist", "metrics": {"top1": 0.9383, "note": "x"}}""");
        ModelCard.Metric(Model, "top1").Should().Be(0.9383);
        ModelCard.Text(ModelCard.Read(folder), "task").Should().Be("fashion-mnist");
    }

    [Test]
    public void No_card_no_metric_and_a_metric_that_is_not_a_number_give_null()
    {
        ModelCard.Read(folder).Should().BeNull();
        ModelCard.Metric(Model, "top1").Should().BeNull();
        WriteCard("""{"metrics": {"top1": "high"}}""");
        ModelCard.Metric(Model, "top1").Should().BeNull();
        ModelCard.Metric(Model, "mAP").Should().BeNull();
        ModelCard.Text(ModelCard.Read(folder), "task").Should().BeNull();
    }

    [Test]
    public void A_card_that_is_not_json_gives_null_and_says_why()
    {
        WriteCard("{ not json");
        var log = new StringWriter();
        ModelCard.Read(folder, log).Should().BeNull();
        ModelCard.Metric(Model, "top1").Should().BeNull();
        log.ToString().Should().Contain("model.json: not read");
    }
}
