# syntax=docker/dockerfile:1
# Multi-stage build: a static binary on a distroless base, run as non-root.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/chidao ./cmd/chidao

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/chidao /usr/local/bin/chidao
USER nonroot:nonroot
EXPOSE 8080
ENV CHIDAO_HTTP_ADDR=:8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["chidao", "health"]
ENTRYPOINT ["chidao"]
CMD ["serve"]
