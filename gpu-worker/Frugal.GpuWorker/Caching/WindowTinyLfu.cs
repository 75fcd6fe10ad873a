namespace Frugal.GpuWorker.Caching;

/// <summary>
/// A W-TinyLFU cache bounded by entry count: new entries enter a small LRU window (1%); an entry leaving the window
/// joins the main segmented LRU only if the frequency sketch says it is wanted more often than the entry the main
/// space would give up. Probation holds entries seen once in the main space, protected those seen again (80%).
/// One lock guards it: an inference costs far more than the lock, and every access reaches the sketch in order.
/// </summary>
internal sealed class WindowTinyLfu<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> entries;
    private readonly LinkedList<Entry> window = new();
    private readonly LinkedList<Entry> probation = new();
    private readonly LinkedList<Entry> protectedSegment = new();
    private readonly FrequencySketch sketch;
    private readonly int capacity;
    private readonly int windowCapacity;
    private readonly int protectedCapacity;

    public WindowTinyLfu(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.capacity = capacity;
        windowCapacity = Math.Max(1, capacity / 100);
        protectedCapacity = (int)((capacity - windowCapacity) * 0.8);
        entries = new Dictionary<TKey, LinkedListNode<Entry>>(capacity);
        sketch = new FrequencySketch(capacity);
    }

    /// <summary>Called, under the lock, with each value the cache lets go.</summary>
    public event Action<TValue>? Removed;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (gate)
        {
            sketch.Increment(key.GetHashCode());
            if (!entries.TryGetValue(key, out var node))
            {
                value = default!;
                return false;
            }

            Touch(node);
            value = node.Value.Value;
            return true;
        }
    }

    /// <summary>Adds the value unless the key is present; returns false, changing nothing, when it was.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        lock (gate)
        {
            if (entries.ContainsKey(key))
            {
                return false;
            }

            var node = window.AddFirst(new Entry(key, value, Segment.Window));
            entries.Add(key, node);
            if (window.Count > windowCapacity)
            {
                AdmitFromWindow();
            }

            return true;
        }
    }

    /// <summary>Lets go of up to <paramref name="count"/> entries, the least wanted first.</summary>
    public void Trim(int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count && entries.Count > 0; i++)
            {
                var victim = probation.Last ?? protectedSegment.Last ?? window.Last!;
                Evict(victim);
            }
        }
    }

    private void Touch(LinkedListNode<Entry> node)
    {
        switch (node.Value.Segment)
        {
            case Segment.Window:
                MoveToFront(node, window);
                break;
            case Segment.Probation:
                node.Value.Segment = Segment.Protected;
                MoveToFront(node, protectedSegment);
                if (protectedSegment.Count > protectedCapacity)
                {
                    var demoted = protectedSegment.Last!;
                    demoted.Value.Segment = Segment.Probation;
                    MoveToFront(demoted, probation);
                }

                break;
            default:
                MoveToFront(node, protectedSegment);
                break;
        }
    }

    private void AdmitFromWindow()
    {
        var candidate = window.Last!;
        candidate.Value.Segment = Segment.Probation;
        MoveToFront(candidate, probation);
        if (entries.Count <= capacity)
        {
            return;
        }

        var victim = probation.Last!;
        if (ReferenceEquals(victim, candidate))
        {
            victim = probation.Count > 1 ? victim.Previous! : protectedSegment.Last ?? victim;
        }

        var candidateFrequency = sketch.Estimate(candidate.Value.Key.GetHashCode());
        var victimFrequency = sketch.Estimate(victim.Value.Key.GetHashCode());
        Evict(candidateFrequency > victimFrequency ? victim : candidate);
    }

    private void Evict(LinkedListNode<Entry> node)
    {
        node.List!.Remove(node);
        entries.Remove(node.Value.Key);
        Removed?.Invoke(node.Value.Value);
    }

    private static void MoveToFront(LinkedListNode<Entry> node, LinkedList<Entry> list)
    {
        node.List!.Remove(node);
        list.AddFirst(node);
    }

    private enum Segment
    {
        Window,
        Probation,
        Protected,
    }

    private sealed class Entry(TKey key, TValue value, Segment segment)
    {
        public TKey Key { get; } = key;

        public TValue Value { get; } = value;

        public Segment Segment { get; set; } = segment;
    }
}
