package catalog

import (
	"hash/fnv"
	"math"
)

// firstUserOID is where PostgreSQL starts the OIDs of the objects users
// create; the OIDs below are its own.
const firstUserOID = 16384

// oidAllocator gives the objects of one catalog snapshot their OIDs. An
// object's OID is a hash of its kind and qualified name into the range
// above firstUserOID, so it stays the same across restarts. When two
// objects hash to the same OID, the one allocated first (objects are
// allocated in catalog order: schemas, then tables by name) keeps it and the
// other takes the next free one.
type oidAllocator struct {
	used  map[uint32]bool
	byKey map[string]uint32
}

func newOIDAllocator() *oidAllocator {
	return &oidAllocator{used: map[uint32]bool{}, byKey: map[string]uint32{}}
}

// reserve marks a fixed OID (PostgreSQL's own) as taken by key.
func (a *oidAllocator) reserve(key string, oid uint32) uint32 {
	a.used[oid] = true
	a.byKey[key] = oid
	return oid
}

// oid is the OID of the object known by key ("class:postgresql.public.users").
func (a *oidAllocator) oid(key string) uint32 {
	if oid, ok := a.byKey[key]; ok {
		return oid
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	span := uint32(math.MaxUint32 - firstUserOID)
	oid := firstUserOID + h.Sum32()%span
	for a.used[oid] {
		oid = firstUserOID + (oid-firstUserOID+1)%span
	}
	return a.reserve(key, oid)
}
