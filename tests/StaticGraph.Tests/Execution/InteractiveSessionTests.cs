namespace StaticGraph.Tests.Execution;

/// <summary>Tests of the process-wide default session (<c>tf.InteractiveSession()</c>): they run alone, since an
/// interactive session is visible to every thread.</summary>
[Collection(nameof(InteractiveSessionTests))]
[CollectionDefinition(nameof(InteractiveSessionTests), DisableParallelization = true)]
public class InteractiveSessionTests
{
    [Fact]
    public void Eval_and_Run_need_a_default_session()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(1f);
            Assert.Null(Session.Default);
            var e = Assert.Throws<InvalidOperationException>(() => c.Eval());
            Assert.Contains("without a session", e.Message, StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => tf.no_op().Run());

            using var sess = new Session(g);
            Assert.Equal(1f, (float)c.Eval(sess));
            tf.no_op().Run(sess);
        }
    }

    [Fact]
    public void InteractiveSession_is_the_default_until_disposed()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            var c = tf.constant(4f) * 2f;
            var sess = tf.InteractiveSession();
            try
            {
                Assert.Same(g, sess.Graph);
                Assert.Same(sess, Session.Default);
                Assert.Equal(8f, (float)c.Eval());
            }
            finally
            {
                sess.Dispose();
            }

            Assert.Null(Session.Default);
            Assert.Throws<InvalidOperationException>(() => c.Eval());
        }
    }

    [Fact]
    public void A_scoped_default_session_takes_precedence_over_an_InteractiveSession()
    {
        var g = new Graph();
        using (g.AsDefault())
        {
            using var interactive = tf.InteractiveSession();
            using var scoped = new Session(g);
            using (scoped.AsDefault())
            {
                Assert.Same(scoped, Session.Default);
            }
        }
    }
}
