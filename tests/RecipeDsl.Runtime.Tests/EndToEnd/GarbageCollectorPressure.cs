using System;
using System.Threading;

namespace RecipeDsl.Runtime.Tests.EndToEnd;

/// <summary>
/// A thread that allocates and forces a collection every millisecond or so, so that finalizers run while the test
/// thread is inside native calls: what a busy test host does now and then, made constant.
/// </summary>
internal sealed class GarbageCollectorPressure : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    public GarbageCollectorPressure()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "GC pressure" };
        _thread.Start();
    }

    public int Collections { get; private set; }

    private void Run()
    {
        var keep = new object[64];
        for (var i = 0; !_stop; i++)
        {
            keep[i % keep.Length] = new byte[1024];
            if (i % 2000 == 0)
            {
                GC.Collect();
                Collections++;
                // About as often as when the race was reproduced (a few hundred a second), without taking a whole core.
                Thread.Sleep(1);
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
