#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

// C++ against an installed uniarm: its libstdc++ (containers, iostreams, exceptions).
int main(int argc, char **argv)
{
	std::map<std::string, int> seen;
	for (int i = 0; i < argc; i++)
		seen[argv[i]]++;
	try {
		throw std::runtime_error("thrown through the installed libstdc++");
	} catch (const std::exception &e) {
		std::cout << "caught: " << e.what() << ", " << seen.size() << " name(s)"
			  << std::endl;
	}
	return 3;
}
