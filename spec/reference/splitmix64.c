/* Vigna's splitmix64.c (public domain), next() verbatim, driven for reference outputs. */
#include <stdint.h>
#include <stdio.h>
#include <inttypes.h>
static uint64_t x;
uint64_t next() {
	uint64_t z = (x += 0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
	return z ^ (z >> 31);
}
int main(void) {
	uint64_t seeds[] = {0ULL, 1ULL, 1234567ULL, 0xFFFFFFFFFFFFFFFFULL, 0x9e3779b97f4a7c15ULL, 0xDEADBEEFCAFEBABEULL};
	for (int s = 0; s < 6; s++) {
		x = seeds[s];
		printf("seed %" PRIu64 ":", seeds[s]);
		for (int i = 0; i < 8; i++) printf(" %" PRIu64, next());
		printf("\n");
	}
}
