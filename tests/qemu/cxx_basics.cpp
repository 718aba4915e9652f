// C++ on uniarm: the containers and strings of libstdc++, exceptions thrown and caught across
// functions (from a constructor, rethrown, caught by base class, std::bad_alloc from a huge
// new), static constructors and destructors of global objects, function-local statics, and
// iostreams. Every check prints what it found; main returns the number of failed checks.
// With the argument "uncaught" it throws without a handler: std::terminate reports the
// exception and aborts (status 134). The expectations were checked against Linux
// (x86-64, glibc, libstdc++ 12, with g++ and clang++).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

static int failures;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			std::cout << "FAILED: " #cond " (line " << __LINE__ << ")" << std::endl;   \
			failures++;                                                                \
		}                                                                                  \
	} while (0)

// Static construction order is definition order within a translation unit; destruction is
// the reverse, after main returns.
static char order[8];

struct Global {
	char tag;
	std::string name; // a member with its own constructor and heap memory
	explicit Global(char t) : tag(t), name(std::string("global-") + t)
	{
		std::strncat(order, &tag, 1);
	}
	~Global()
	{
		std::cout << "[~" << name << "]";
	}
};

static Global first_global('A');
static Global second_global('B');

static int local_static_constructions;

static std::vector<int> &local_static()
{
	static std::vector<int> v = [] {
		local_static_constructions++;
		return std::vector<int>{1, 2, 3};
	}();
	return v;
}

static void containers()
{
	std::vector<int> v;
	for (int i = 10; i > 0; i--)
		v.push_back(i * i);
	std::sort(v.begin(), v.end());
	CHECK(v.size() == 10 && v.front() == 1 && v.back() == 100);
	CHECK(std::accumulate(v.begin(), v.end(), 0) == 385);
	v.erase(std::remove_if(v.begin(), v.end(), [](int x) { return x % 2; }), v.end());
	CHECK(v == (std::vector<int>{4, 16, 36, 64, 100}));

	std::string s = "hello";
	s += ", ";
	s.append(std::string(3, 'x')).push_back('!');
	CHECK(s == "hello, xxx!");
	CHECK(s.find("xxx") == 7 && s.substr(0, 5) == "hello");
	std::string big(1000, 'y'); // beyond the small-string buffer: on the heap
	big.replace(10, 980, "middle");
	CHECK(big.size() == 26 && big.compare(10, 6, "middle") == 0);
	CHECK(std::to_string(-1234) == "-1234" && std::stoi("  77") == 77);

	std::map<std::string, int> words;
	std::istringstream text("the quick brown fox jumps over the lazy dog the end");
	for (std::string w; text >> w;)
		words[w]++;
	CHECK(words.size() == 9 && words["the"] == 3 && words.begin()->first == "brown");

	std::unordered_map<int, std::string> names;
	for (int i = 0; i < 1000; i++)
		names.emplace(i, std::to_string(i));
	CHECK(names.size() == 1000 && names.at(999) == "999" && names.count(1000) == 0);

	auto p = std::make_unique<std::vector<std::string>>(3, "z");
	auto shared = std::make_shared<std::string>("shared");
	auto copy = shared;
	CHECK(p->at(2) == "z" && shared.use_count() == 2 && *copy == "shared");

	CHECK(local_static().size() == 3 && local_static().size() == 3);
	CHECK(local_static_constructions == 1);
	std::cout << "containers: " << v.size() << " squares, " << words.size() << " words, "
		  << names.size() << " names" << std::endl;
}

// Exceptions.
struct Base : std::runtime_error {
	int code;
	Base(const char *what, int c) : std::runtime_error(what), code(c)
	{
	}
};
struct Derived : Base {
	Derived() : Base("derived", 7)
	{
	}
};

static int depth_reached;

static void thrower(int depth)
{
	depth_reached = depth;
	if (depth == 0)
		throw Derived();
	thrower(depth - 1);
	depth_reached = -1; // not reached
}

static int destroyed_parts;

struct Part {
	~Part()
	{
		destroyed_parts++;
	}
};

struct Whole {
	Part first, second;
	std::vector<int> data;
	explicit Whole(bool fail) : data(100, 1)
	{
		if (fail)
			throw std::invalid_argument("Whole refused");
	}
};

static void rethrower(std::string &seen)
{
	try {
		thrower(3);
	} catch (...) {
		seen = "intercepted";
		throw; // the same object travels on
	}
}

static char *volatile escaped;

static void exceptions()
{
	// Across several frames, caught by a base class, the object intact.
	try {
		thrower(5);
		CHECK(false);
	} catch (const Base &b) {
		CHECK(b.code == 7 && std::string(b.what()) == "derived" && depth_reached == 0);
	}

	// Caught by the standard base class.
	try {
		thrower(1);
	} catch (const std::exception &e) {
		CHECK(std::strcmp(e.what(), "derived") == 0);
	}

	// From a constructor: the members built so far are destroyed, the object never exists.
	destroyed_parts = 0;
	try {
		Whole w(true);
		CHECK(false);
	} catch (const std::invalid_argument &e) {
		CHECK(std::string(e.what()) == "Whole refused");
	}
	CHECK(destroyed_parts == 2);
	{
		Whole ok(false);
		CHECK(ok.data.size() == 100);
	}
	CHECK(destroyed_parts == 4);

	// Rethrown from a catch-all handler, caught further out as the derived type.
	std::string seen;
	try {
		rethrower(seen);
	} catch (Derived &d) {
		CHECK(seen == "intercepted" && d.code == 7);
	}

	// Thrown by the library: std::out_of_range as std::logic_error, std::length_error.
	try {
		std::vector<int> v(3);
		(void)v.at(3);
		CHECK(false);
	} catch (const std::logic_error &e) {
		CHECK(dynamic_cast<const std::out_of_range *>(&e) != nullptr);
	}
	try {
		std::string s;
		s.reserve(s.max_size() + 1);
		CHECK(false);
	} catch (const std::length_error &) {
	}

	// operator new that cannot be satisfied throws std::bad_alloc; nothrow new gives null.
	// The pointers escape into a volatile, or the compiler may elide the allocations. Half
	// the address space is refused by malloc's size check; 1.5 GiB on a 32-bit machine
	// passes it and is refused when the heap cannot grow that far (more than the memory).
	volatile std::size_t huge = SIZE_MAX / 2;
	volatile std::size_t too_much = SIZE_MAX == 0xffffffffu ? 0x60000000u : SIZE_MAX / 2;
	for (std::size_t size : {std::size_t(huge), std::size_t(too_much)}) {
		bool caught = false;
		try {
			escaped = new char[size];
			delete[] escaped;
		} catch (const std::bad_alloc &) {
			caught = true;
		}
		CHECK(caught);
		escaped = new (std::nothrow) char[size];
		CHECK(escaped == nullptr);
	}

	// Many throws in a row: nothing leaks or accumulates in the exception machinery.
	int count = 0;
	for (int i = 0; i < 1000; i++) {
		try {
			throw std::to_string(i);
		} catch (const std::string &s) {
			count += s == std::to_string(i);
		}
	}
	CHECK(count == 1000);
	std::cout << "exceptions: caught across frames, from a constructor, rethrown, bad_alloc"
		  << std::endl;
}

static void streams()
{
	std::ostringstream out;
	out << 42 << ' ' << 3.25 << ' ' << std::hex << 255 << ' ' << std::string("str");
	CHECK(out.str() == "42 3.25 ff str");
	double d = 0;
	int i = 0;
	std::istringstream in("2.5 -17");
	in >> d >> i;
	CHECK(d == 2.5 && i == -17);
	std::printf("printf and cout share stdout: ");
	std::cout << "yes" << std::endl;
	std::cerr << "cerr works" << std::endl;
}

int main(int argc, char **argv)
{
	if (argc > 1 && std::string(argv[1]) == "uncaught")
		thrower(2); // no handler: std::terminate

	std::cout << "static constructors ran in order " << order << std::endl;
	CHECK(std::string(order) == "AB" && second_global.name == "global-B");
	containers();
	exceptions();
	streams();
	if (failures == 0)
		std::cout << "cxx checks passed" << std::endl;
	std::cout << "main returns";
	return failures;
}
