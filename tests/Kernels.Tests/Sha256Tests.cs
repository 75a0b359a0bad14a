using System.Security.Cryptography;
using System.Text;
using Beamchain.Kernels.Hashing;

namespace Beamchain.Kernels.Tests;

public class Sha256Tests
{
    [Theory]
    [InlineData("abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [InlineData("", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1")]
    public void Hashes_the_FIPS_180_examples(string message, string expected)
    {
        Assert.Equal(expected, Convert.ToHexString(Sha256.Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Theory]
    [InlineData("01508004991Genesis block0268731", "00000E6BD724E993F81C288688C738D2BC5CF74FF72A6145E29C91BCEAE14833")]
    [InlineData("01508004991Genesis block09645352", "000000ACE80A32E8D2794D2F1321994391356B8492B200946527D3153EA39ECA")]
    public void Hashes_the_Elixir_seeds_genesis_blocks(string concatenation, string expected)
    {
        Assert.Equal(expected, Convert.ToHexString(Sha256.Hash(Encoding.UTF8.GetBytes(concatenation))));
    }

    [Fact]
    public void Agrees_with_System_Security_Cryptography_on_random_inputs_of_every_length_up_to_300_bytes()
    {
        var random = new Random(180);
        for (var length = 0; length <= 300; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            Assert.Equal(SHA256.HashData(message), Sha256.Hash(message));
        }
    }
}
