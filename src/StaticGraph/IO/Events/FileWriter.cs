using Google.Protobuf;
using StaticGraph.IO;

namespace StaticGraph;

/// <summary>Writes TensorBoard event files (TF1 <c>tf.summary.FileWriter</c>): one
/// <c>events.out.tfevents.{unix seconds}.{hostname}</c> file per writer in <see cref="LogDir"/>, starting with a
/// <c>file_version: "brain.Event:2"</c> event. Events are buffered in memory and reach the file on <see cref="Flush"/>,
/// <see cref="Close"/> or <see cref="Dispose"/>. Thread-safe. As in TF, events added after <see cref="Close"/> are
/// dropped.</summary>
public sealed class FileWriter : IDisposable
{
    /// <summary>The file_version TF1 writes as the first record of every event file.</summary>
    public const string FileVersion = "brain.Event:2";

    private readonly object _lock = new();
    private readonly MemoryStream _buffer = new();
    private readonly HashSet<string> _seenSummaryTags = new(StringComparer.Ordinal);
    private FileStream? _file;

    /// <summary>Creates <paramref name="logdir"/> if needed and opens a new event file in it; with
    /// <paramref name="graph"/> also writes its GraphDef as a graph_def event (TF1's <c>FileWriter(logdir, graph)</c>).</summary>
    public FileWriter(string logdir, Graph? graph = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(logdir);
        LogDir = logdir;
        Directory.CreateDirectory(logdir);
        long seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string baseName = Path.Combine(logdir, $"events.out.tfevents.{seconds:D10}.{SafeHostName()}");
        string path = baseName;
        for (int n = 1; ; n++)
        {
            try
            {
                _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
                break;
            }
            catch (IOException) when (File.Exists(path) && n < 10000)
            {
                path = $"{baseName}.{n}";
            }
        }

        FilePath = path;
        WriteEvent(new Tensorflow.Event { WallTime = Now(), FileVersion = FileVersion });
        Flush();
        if (graph is not null)
        {
            AddGraph(graph);
        }
    }

    /// <summary>The folder the event file is in (TF1 <c>get_logdir()</c>).</summary>
    public string LogDir { get; }

    /// <summary>The path of the event file this writer writes.</summary>
    public string FilePath { get; }

    /// <summary>Adds a summary event at <paramref name="step"/>: <paramref name="summary"/> is a DT_STRING scalar
    /// holding a serialized <see cref="Tensorflow.Summary"/>, as <c>sess.run(merged)</c> returns it.</summary>
    public void AddSummary(NDArray summary, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.DType != DType.String || summary.Size != 1)
        {
            throw new ArgumentException($"AddSummary expects a DT_STRING scalar holding a serialized Summary, got {summary.DType} of shape {summary.Shape}.", nameof(summary));
        }

        Tensorflow.Summary parsed;
        try
        {
            parsed = Tensorflow.Summary.Parser.ParseFrom(summary.Data<byte[]>()[0]);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException($"AddSummary: the string is not a serialized Summary ({ex.Message}).", nameof(summary), ex);
        }

        AddSummary(parsed, step);
    }

    /// <summary>Adds <paramref name="summary"/> as a summary event at <paramref name="step"/>. As TF1 does, plugin
    /// metadata is kept only on the first value written for each tag.</summary>
    public void AddSummary(Tensorflow.Summary summary, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var copy = summary.Clone();
        lock (_lock)
        {
            foreach (var value in copy.Value)
            {
                if (value.Metadata is not null && !_seenSummaryTags.Add(value.Tag))
                {
                    value.Metadata = null;
                }
            }

            WriteEvent(new Tensorflow.Event { WallTime = Now(), Step = step, Summary = copy });
        }
    }

    /// <summary>Adds <paramref name="graph"/>'s serialized GraphDef as a graph_def event.</summary>
    public void AddGraph(Graph graph, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        AddGraph(graph.ToGraphDef(), step);
    }

    /// <summary>Adds <paramref name="graphDef"/> (serialized) as a graph_def event.</summary>
    public void AddGraph(Tensorflow.GraphDef graphDef, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(graphDef);
        WriteEvent(new Tensorflow.Event { WallTime = Now(), Step = step, GraphDef = graphDef.ToByteString() });
    }

    /// <summary>Adds <paramref name="metaGraphDef"/> (serialized) as a meta_graph_def event.</summary>
    public void AddMetaGraph(Tensorflow.MetaGraphDef metaGraphDef, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(metaGraphDef);
        WriteEvent(new Tensorflow.Event { WallTime = Now(), Step = step, MetaGraphDef = metaGraphDef.ToByteString() });
    }

    /// <summary>Adds a session_log event (START, STOP, CHECKPOINT) at <paramref name="step"/>.</summary>
    public void AddSessionLog(Tensorflow.SessionLog sessionLog, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(sessionLog);
        WriteEvent(new Tensorflow.Event { WallTime = Now(), Step = step, SessionLog = sessionLog.Clone() });
    }

    /// <summary>Adds <paramref name="e"/> as it is.</summary>
    public void AddEvent(Tensorflow.Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        WriteEvent(e);
    }

    /// <summary>Writes the buffered events to the file and flushes it to disk.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (_file is null)
            {
                return;
            }

            if (_buffer.Length > 0)
            {
                _file.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);
                _buffer.SetLength(0);
            }

            _file.Flush(flushToDisk: true);
        }
    }

    /// <summary>Flushes and closes the file; later events are dropped.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_file is null)
            {
                return;
            }

            Flush();
            _file.Dispose();
            _file = null;
        }
    }

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    private void WriteEvent(Tensorflow.Event e)
    {
        byte[] payload = e.ToByteArray();
        lock (_lock)
        {
            if (_file is null)
            {
                return;
            }

            TFRecord.Write(_buffer, payload);
        }
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    private static string SafeHostName()
    {
        string host;
        try
        {
            host = System.Net.Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            host = Environment.MachineName;
        }

        var invalid = Path.GetInvalidFileNameChars();
        var chars = host.Select(c => invalid.Contains(c) ? '_' : c).ToArray();
        return chars.Length == 0 ? "localhost" : new string(chars);
    }
}
