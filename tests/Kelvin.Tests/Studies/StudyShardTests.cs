using Kelvin.Studies;

namespace Kelvin.Tests.Studies;

public class StudyShardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_option_wins_then_slurm_then_the_indexed_job_then_all()
    {
        var slurm = Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "5"));
        Assert.Equal(new StudyShard(1, 3), StudyShard.Resolve("1/3", slurm));
        Assert.Equal(new StudyShard(2, 5), StudyShard.Resolve(null, slurm));
        Assert.Equal(new StudyShard(4, 6), StudyShard.Resolve(null, Env(("JOB_COMPLETION_INDEX", "4"), (StudyShard.CompletionsVariable, "6"))));
        Assert.Equal(StudyShard.All, StudyShard.Resolve(null, Env()));
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("1")]
    public void A_bad_shard_is_a_one_line_error(string text)
    {
        var e = Assert.Throws<KelvinException>(() => StudyShard.Parse(text));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Environment_without_its_count_is_an_error()
    {
        Assert.Throws<KelvinException>(() => StudyShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "0"))));
        Assert.Throws<KelvinException>(() => StudyShard.Resolve(null, Env(("JOB_COMPLETION_INDEX", "0"))));
        Assert.Throws<KelvinException>(() => StudyShard.Resolve(null, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
    }
}
