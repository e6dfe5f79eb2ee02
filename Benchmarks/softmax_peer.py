"""JAX's side of `symbench --softmax [C D N]`: the summed softmax cross-entropy
of a linear C-class classifier on N samples of D features, value and gradient
with respect to W (D x C) and b (C), jit-compiled; per-call time (best and
median of 7 batches of about 0.05 s each), float64, one thread recommended
(XLA_FLAGS=--xla_cpu_multi_thread_eigen=false taskset -c 0).

    python Benchmarks/softmax_peer.py [C D N]
"""
import sys, time
import numpy as np
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp

C, D, N = (int(a) for a in (sys.argv[1:4] if len(sys.argv) >= 4 else (10, 20, 10000)))
rng = np.random.default_rng(7)
X = jnp.asarray(rng.standard_normal((N, D)))
y = jnp.asarray(rng.integers(0, C, N))
W = jnp.asarray(0.1 * rng.standard_normal((D, C)))
b = jnp.asarray(0.1 * rng.standard_normal(C))

def loss(W, b):
    z = X @ W + b
    return jnp.sum(jax.nn.logsumexp(z, axis=1) - jnp.take_along_axis(z, y[:, None], axis=1)[:, 0])

f = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
t0 = time.perf_counter()
jax.block_until_ready(f(W, b))
compile_time = time.perf_counter() - t0

def call():
    jax.block_until_ready(f(W, b))

k = 1
while True:
    t0 = time.perf_counter()
    for _ in range(k): call()
    if time.perf_counter() - t0 > 0.05: break
    k *= 2
times = []
for _ in range(7):
    t0 = time.perf_counter()
    for _ in range(k): call()
    times.append((time.perf_counter() - t0) / k)
times.sort()
value = float(f(W, b)[0])
print(f"jax softmax C={C} D={D} N={N}: jit compile {compile_time*1e3:.1f} ms, value+gradient best {times[0]*1e6:.1f} us "
      f"median {times[3]*1e6:.1f} us ({k} calls); mean loss {value / N}")
