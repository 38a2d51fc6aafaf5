//! CRC-32 (IEEE, the checksum sled and zlib use): it checks every stored record as it is read
//! and a few hundred kB of the database at open. Computed by `crc32fast` (the crate sled
//! itself uses; vectorised): a search reads every numbers group, ~600 kB on a million orders,
//! and a byte-at-a-time table took 2 ms of it. The table below is the definition the tests
//! hold it to.

#[cfg(test)]
const TABLE: [u32; 256] = table();

#[cfg(test)]
const fn table() -> [u32; 256] {
    let mut out = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
            bit += 1;
        }
        out[i] = crc;
        i += 1;
    }
    out
}

pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    crc32fast::hash(bytes)
}

/// The textbook byte-at-a-time CRC-32, for the tests.
#[cfg(test)]
fn by_table(bytes: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &b in bytes {
        crc = (crc >> 8) ^ TABLE[((crc ^ u32::from(b)) & 0xFF) as usize];
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn matches_the_table_on_every_length() {
        let bytes: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
            .collect();
        for len in (0..64).chain([255, 256, 1000, 4096, 5000]) {
            assert_eq!(crc32(&bytes[..len]), by_table(&bytes[..len]), "{len} bytes");
        }
    }
}
