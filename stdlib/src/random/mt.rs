//! The Mersenne Twister (MT19937) exactly as CPython's `_random` module uses it: the same
//! seeding (`init_by_array` over the 32-bit words of the seed), the same 53-bit floats and the
//! same `getrandbits` word order, so seeded sequences match CPython's.

use num_bigint::{BigInt, BigUint, Sign};

pub const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub struct Mt19937 {
    pub state: [u32; N],
    pub index: usize,
}

impl Default for Mt19937 {
    fn default() -> Self {
        let mut mt = Mt19937 { state: [0; N], index: N + 1 };
        mt.init_genrand(5489);
        mt
    }
}

impl Mt19937 {
    fn init_genrand(&mut self, seed: u32) {
        self.state[0] = seed;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeds from an array of 32-bit words (the reference `init_by_array`).
    pub fn init_by_array(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
    }

    /// Seeds from a non-negative integer: its 32-bit words, least significant first.
    pub fn seed_from_int(&mut self, n: &BigUint) {
        let words = n.to_u32_digits();
        self.init_by_array(&words);
    }

    fn generate(&mut self) {
        let mt = &mut self.state;
        let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.generate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A float in [0, 1) with 53 random bits (`random.random()`).
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// The 32-bit words of `getrandbits(k)`, least significant first (`k > 0`); `None` when
    /// that many words cannot be allocated.
    pub fn random_words(&mut self, k: u64) -> Option<Vec<u32>> {
        let count = usize::try_from((k - 1) / 32 + 1).ok()?;
        let mut words = Vec::new();
        words.try_reserve_exact(count).ok()?;
        let mut left = k;
        for _ in 0..count {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            words.push(r);
            left = left.saturating_sub(32);
        }
        Some(words)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn bits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.next_u32() >> (32 - k)) as u64,
            _ => {
                let low = self.next_u32() as u64;
                let high = (self.next_u32() >> (64 - k)) as u64;
                low | (high << 32)
            }
        }
    }

    /// `getrandbits(k)` for any `k`; `None` when it does not fit in memory.
    pub fn bits_big(&mut self, k: u64) -> Option<BigInt> {
        if k == 0 {
            return Some(BigInt::from(0));
        }
        let words = self.random_words(k)?;
        Some(BigInt::from_biguint(Sign::Plus, BigUint::new(words)))
    }

    /// A uniform integer in `[0, n)` by rejection on `n.bit_length()` random bits (CPython's
    /// `_randbelow_with_getrandbits`); `n > 0`.
    pub fn below_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_seed_42() {
        // random.seed(42); [random.random() for _ in range(2)] in CPython 3.11.
        let mut mt = Mt19937::default();
        mt.seed_from_int(&BigUint::from(42u32));
        assert_eq!(mt.random(), 0.6394267984578837);
        assert_eq!(mt.random(), 0.025010755222666936);
    }
}
