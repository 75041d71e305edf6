using System.Globalization;
using System.Text.Json;
using Readouts.Benchmarks.Corpus;

const string Usage = """
    Readouts.Benchmarks.Corpus: the synthetic corpus and bookkeeping of scripts/bench.sh.

      sql       --connection CS SQL               run one statement, print its scalar result
      sample    --api URL [--count 3]             print a few generated readouts (creates the cast)
      load      --api URL --key K --readouts N --dir D
                                                  create the cast, post N readouts through the batch endpoint
      scenarios --api URL --dir D [--paths 2000]  write the request lists of the wrk scenarios
      pgbench-prepare --connection CS --api URL --dir D
      pgbench-finish  --connection CS --dir D --log-prefix P --stdout F
      merge-slices --out F FILE...                merge wrk results of one scenario taken in slices
      report    --connection CS --database DB --dir D --rss-kb N --duration S

    --seed S (default 20251124) makes another corpus; the same seed gives the same one.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return 0;
}

var command = args[0];
var options = new Dictionary<string, string>();
var positional = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i][2..]] = args[++i];
    }
    else
    {
        positional.Add(args[i]);
    }
}

string Option(string name) =>
    options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{command}: --{name} is required.\n\n{Usage}");
int IntOption(string name, int fallback) =>
    options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

var seed = IntOption("seed", 20251124);
switch (command)
{
    case "sql":
        Console.WriteLine(await Database.ExecuteAsync(Option("connection"), string.Join(' ', positional)));
        return 0;

    case "sample":
        {
            using var api = new ApiClient(Option("api"), options.GetValueOrDefault("key"));
            var world = await Loader.SetupAsync(api, seed);
            var generator = new CorpusGenerator(world, seed);
            for (var i = 0; i < IntOption("count", 3); i++)
            {
                Console.WriteLine(JsonSerializer.Serialize(generator.Next(), ApiClient.Readable));
            }

            return 0;
        }

    case "load":
        {
            using var api = new ApiClient(Option("api"), Option("key"));
            var world = await Loader.SetupAsync(api, seed);
            var result = await Loader.LoadAsync(api, world, seed, IntOption("readouts", 1_000_000), Option("dir"));
            return result.Failed == 0 ? 0 : 3;
        }

    case "scenarios":
        {
            using var api = new ApiClient(Option("api"), null);
            var world = await Loader.SetupAsync(api, seed);
            await Scenarios.WriteAsync(api, world, seed, Option("dir"), IntOption("paths", 2000));
            return 0;
        }

    case "pgbench-prepare":
        {
            using var api = new ApiClient(Option("api"), null);
            var world = await Loader.SetupAsync(api, seed);
            await Pgbench.PrepareAsync(Option("connection"), world, seed, Option("dir"));
            return 0;
        }

    case "pgbench-finish":
        await Pgbench.FinishAsync(Option("connection"), Option("dir"), Option("log-prefix"), Option("stdout"));
        return 0;

    case "merge-slices":
        await Slices.MergeAsync(Option("out"), positional);
        return 0;

    case "report":
        await Report.WriteAsync(Option("dir"), Option("connection"), Option("database"), double.Parse(Option("rss-kb"), CultureInfo.InvariantCulture), IntOption("duration", 20));
        return 0;

    default:
        Console.Error.WriteLine($"Unknown command '{command}'.\n\n{Usage}");
        return 2;
}
