package bot

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkRouterPool measures how many updates per second the router and
// the pool carry to a handler that does nothing, over 1,000 chats.
func BenchmarkRouterPool(b *testing.B) {
	for _, workers := range []int{1, 8, 64} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			noop := func(context.Context, *Update) error { return nil }
			r := NewRouter()
			r.Use(Recover(nil), Logging(nil))
			r.Command("start", noop)
			r.Command("nv", noop)
			r.Callback("ack:", noop)
			r.Text(noop)
			r.Fallback(noop)
			p := NewPool(PoolOptions{Workers: workers, QueueSize: 256, Handler: r.Serve})

			const chats = 1000
			updates := make([]*Update, chats)
			for i := range updates {
				updates[i] = &Update{ID: fmt.Sprint(i), Kind: KindText, Chat: chat(fmt.Sprint(i)), Text: "/nv 5"}
			}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				if err := p.Submit(ctx, updates[i%chats]); err != nil {
					b.Fatal(err)
				}
			}
			if err := p.Close(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
		})
	}
}

// BenchmarkSplitText measures splitting a 10,000-character directive.
func BenchmarkSplitText(b *testing.B) {
	var text string
	for i := 0; len([]rune(text)) < 10000; i++ {
		text += fmt.Sprintf("%d. Giao Phòng Nội vụ huyện chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu UBND huyện triển khai thực hiện.\n\n", i+1)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		SplitText(text, 4096)
	}
}
