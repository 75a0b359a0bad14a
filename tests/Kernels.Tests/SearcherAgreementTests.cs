using Beamchain.Kernels.Cpu;
using Beamchain.Kernels.Gpu;
using Beamchain.Kernels.Search;

namespace Beamchain.Kernels.Tests;

/// <summary>Every searcher must find exactly the nonces that the plain reference loop finds.</summary>
public class SearcherAgreementTests
{
    public static TheoryData<string> Searchers()
    {
        var names = new TheoryData<string>();
        foreach (var set in CpuSearcher.SupportedInstructionSets)
        {
            names.Add($"cpu {set} 1");
            names.Add($"cpu {set} 2");
        }

        names.Add("ilgpu cpu-accelerator");
        return names;
    }

    public static INonceSearcher Open(string name)
    {
        var parts = name.Split(' ');
        return parts[0] == "cpu"
            ? new CpuSearcher(new CpuSearchOptions(int.Parse(parts[2]), Enum.Parse<CpuInstructionSet>(parts[1])))
            : IlgpuSearcher.OpenCpuAccelerator();
    }

    [Theory]
    [MemberData(nameof(Searchers))]
    public void Finds_the_reference_nonces_on_ranges_from_zero_across_2_to_the_32_and_up_to_2_to_the_64(string searcher)
    {
        using var search = Open(searcher);
        var job = SearchCases.Job(seed: 1, leadingZeroBits: 10);
        NonceRange[] ranges = [new(0, 3000), new((1UL << 32) - 2500, 5000), new(ulong.MaxValue - 1999, 2000)];
        foreach (var range in ranges)
        {
            var expected = new ReferenceSearcher().Search(job, range, CancellationToken.None);
            Assert.InRange(expected.Found.Count, 1, SearchResult.MaxFound - 1);
            var actual = search.Search(job, range, CancellationToken.None);
            Assert.Equal(range.Count, actual.Hashed);
            Assert.Equal(expected.Found, actual.Found);
        }
    }

    [Theory]
    [MemberData(nameof(Searchers))]
    public void Searches_a_range_of_one_nonce(string searcher)
    {
        using var search = Open(searcher);
        var job = SearchCases.Job(seed: 2, leadingZeroBits: 6);
        var qualifying = new ReferenceSearcher().Search(job, new NonceRange(1UL << 40, 1000), CancellationToken.None).Found[0];
        Assert.Equal([qualifying], search.Search(job, new NonceRange(qualifying, 1), CancellationToken.None).Found);
        var next = search.Search(job, new NonceRange(qualifying + 1, 1), CancellationToken.None);
        Assert.Equal(1UL, next.Hashed);
        Assert.Equal(new ReferenceSearcher().Search(job, new NonceRange(qualifying + 1, 1), CancellationToken.None).Found, next.Found);
    }

    [Theory]
    [MemberData(nameof(Searchers))]
    public void A_target_equal_to_a_hash_admits_that_nonce_and_no_other(string searcher)
    {
        // The smallest hash of the range as the target: its first word ties, so only the full comparison decides.
        var header = SearchCases.RandomHeader(new Random(3));
        var range = new NonceRange((1UL << 33) - 700, 1400);
        var best = Enumerable.Range(0, (int)range.Count).Select(i => range.Start + (ulong)i).MinBy(n => header.WithNonce(n).Hash());
        var job = new SearchJob(header, header.WithNonce(best).Hash());
        using var search = Open(searcher);
        Assert.Equal([best], search.Search(job, range, CancellationToken.None).Found);
    }

    [Theory]
    [MemberData(nameof(Searchers))]
    public void Reports_at_most_the_cap_of_qualifying_nonces(string searcher)
    {
        var job = SearchCases.Job(seed: 4, leadingZeroBits: 3);
        var range = new NonceRange(500, 1000);
        using var search = Open(searcher);
        var found = search.Search(job, range, CancellationToken.None).Found;
        Assert.Equal(SearchResult.MaxFound, found.Count);
        Assert.Equal(found.Order().Distinct(), found);
        Assert.All(found, n => Assert.True(n >= range.Start && n < range.End && job.Template.WithNonce(n).Hash() <= job.Target));
        if (search is CpuSearcher)
        {
            // Workers claim chunks in order and keep their first finds, so the CPU reports the lowest.
            Assert.Equal(new ReferenceSearcher().Search(job, range, CancellationToken.None).Found, found);
        }
    }
}
