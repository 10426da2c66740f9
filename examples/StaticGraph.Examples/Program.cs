using StaticGraph.Examples;

// Runs one ported tutorial by name; `list` prints them; `smoke` runs all of them briefly (CI); `reproduce` measures
// the seed-004 programs against the book (examples/README.md). With no arguments it runs the main example.
var examples = Catalog.All;
string name = args.Length > 0 ? args[0] : Catalog.Main;
if (name is "list" or "--list" or "-h" or "--help")
{
    Console.WriteLine("Examples (dotnet run --project examples/StaticGraph.Examples -- NAME [options]):");
    foreach (var e in examples)
    {
        Console.WriteLine($"  {e.Name,-20} {e.Description}");
    }

    Console.WriteLine($"  {"reproduce",-20} Runs every seed-004 program at the book's steps and rewrites the table in examples/README.md; --quick --only NAME,NAME --max-steps N.");
    return 0;
}

if (name == "reproduce")
{
    return Reproduction.Run(args.Skip(1).ToArray());
}

if (name == "smoke")
{
    // CI: every example with its few-step options; the exit code is the first failure's.
    int status = 0;
    foreach (var e in examples)
    {
        Console.WriteLine($"== {e.Name} {e.Smoke}");
        int rc = e.Run(e.Smoke.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (rc != 0 && status == 0)
        {
            Console.Error.WriteLine($"Example '{e.Name}' failed with exit code {rc}.");
            status = rc;
        }
    }

    return status;
}

var example = examples.FirstOrDefault(e => e.Name == name);
if (example is null)
{
    Console.Error.WriteLine($"Unknown example '{name}'. Run with 'list' to see them all.");
    return 2;
}

return example.Run(args.Skip(1).ToArray());
